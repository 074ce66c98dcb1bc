/**
 * The engine loads every first-party connector, the HTTP request component, the token endpoint and
 * the account tester at start-up; the client libraries they call out with (undici, amqplib, mqtt,
 * nats, nodemailer, ioredis: ~15 MB of heap together) load only on a first use.
 */
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const hooks = new URL('../../bin/ts-hooks.mjs', import.meta.url).href;
const registerHooks = `data:text/javascript,import{register}from'node:module';register(${JSON.stringify(hooks)})`;
const at = (path: string) => JSON.stringify(new URL(path, import.meta.url).href);
const DRIVERS = ['undici', 'amqplib', 'mqtt', 'nats', 'nodemailer', 'ioredis'];

const script = `
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
// Every module the loader loads (ES modules, and the first file of a CommonJS package imported from
// one); the files those require show in require.cache.
const { port1, port2 } = new MessageChannel();
const urls = [];
port1.on('message', (url) => urls.push(url));
port1.unref();
register('data:text/javascript,' + encodeURIComponent('let port; export function initialize(data) { port = data.port; } export async function load(url, context, next) { port.postMessage(url); return next(url, context); }'), { data: { port: port2 }, transferList: [port2] });
const loaded = async () => {
  await new Promise((resolve) => setTimeout(resolve, 100));
  const paths = [...urls, ...Object.keys(createRequire(import.meta.url).cache)];
  return ${JSON.stringify(DRIVERS)}.filter((name) => paths.some((path) => path.includes('/node_modules/' + name + '/')));
};
const { createBuiltinComponents } = await import(${at('../../src/connectors/index.ts')});
const { createTokenEndpoint } = await import(${at('../../src/accounts/token-endpoint.ts')});
const { createAccountTester } = await import(${at('../../src/accounts/account-tester.ts')});
createBuiltinComponents({ allowPrivateNetwork: false });
createTokenEndpoint({ allowPrivateNetwork: false });
createAccountTester({ allowPrivateNetwork: false });
for (const name of ['rabbitmq', 'mqtt', 'nats', 'email', 'redis']) await import(${at('../../../connectors/')} + name + '/src/index.ts');
const atStart = await loaded();
await (await import(${at('../../../connectors/rabbitmq/src/connection.ts')})).amqplib();
await (await import(${at('../../../connectors/email/src/send.ts')})).nodemailer();
console.log(JSON.stringify({ atStart, afterUse: await loaded() }));
`;

describe('client libraries of connectors and HTTP calls', () => {
  it('are not loaded with the components, only on a first use', async () => {
    const out = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['--import', registerHooks, '--input-type=module', '-e', script], { cwd: new URL('../..', import.meta.url).pathname, timeout: 60_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
    });
    expect(JSON.parse(out)).toEqual({ atStart: [], afterUse: ['amqplib', 'nodemailer'] });
  }, 60_000);
});
