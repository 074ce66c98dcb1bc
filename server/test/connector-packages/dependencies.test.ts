/**
 * Connector dependencies (issue 15): a package that names an npm dependency it does not bundle gets
 * it installed into its own folder from the registry (here a registry served on 127.0.0.1 by the
 * test), with install scripts off; one the registry does not have is refused with npm's reason.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';
import { makeTarball, packageJson } from './make-tarball.ts';

/** `weft-test-shout@1.0.0` and `@1.1.0`: one function; 1.1.0 has an install script that must never run. */
function registryPackage(version: string): Uint8Array {
  return makeTarball([
    { path: 'package/package.json', body: JSON.stringify({ name: 'weft-test-shout', version, type: 'module', main: 'index.js', scripts: { install: 'touch SCRIPT_RAN' } }) },
    { path: 'package/index.js', body: `export function shout(text) { return String(text).toUpperCase() + '${version === '1.0.0' ? '!' : '!!'}'; }\n` },
  ]);
}

async function startRegistry(): Promise<{ url: string; server: Server; requests: string[] }> {
  const tarballs = new Map(['1.0.0', '1.1.0'].map((version) => [version, Buffer.from(registryPackage(version))]));
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (request.url === '/weft-test-shout') {
      const versions = Object.fromEntries([...tarballs].map(([version, tgz]) => [version, {
        name: 'weft-test-shout', version, main: 'index.js',
        dist: {
          tarball: `${url}/weft-test-shout/-/weft-test-shout-${version}.tgz`,
          shasum: createHash('sha1').update(tgz).digest('hex'),
          integrity: `sha512-${createHash('sha512').update(tgz).digest('base64')}`,
        },
      }]));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ name: 'weft-test-shout', 'dist-tags': { latest: '1.1.0' }, versions }));
      return;
    }
    const match = /^\/weft-test-shout\/-\/weft-test-shout-(.+)\.tgz$/.exec(request.url ?? '');
    const tgz = match ? tarballs.get(match[1]!) : undefined;
    if (tgz) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.end(tgz);
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: 'Not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server, requests };
}

const shoutModule = `import { defineComponent } from '@weft/connector-kit';
import { shout } from 'weft-test-shout';
export default [defineComponent(
  { name: 'acme.loud.Shout', label: 'Shout', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
  { async receive(context) { await context.sendJson({ text: shout(context.messages.in.content.text) }, 'out'); } },
)];
`;

describe('when a connector names npm dependencies it does not bundle', () => {
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  let weft: TestWeft;
  let operator: TestUser;
  beforeAll(async () => {
    registry = await startRegistry();
    weft = await startTestWeft({ env: { WEFT_CONNECTOR_REGISTRY: registry.url } });
    operator = await weft.operator();
  });
  afterAll(async () => {
    await weft.close();
    registry.server.close();
  });

  const upload = async (dependencies: Record<string, string>) => {
    const tarball = makeTarball([
      { path: 'package/package.json', body: packageJson({ name: 'acme.loud', dependencies: { ...dependencies, '@weft/connector-kit': '*' } }) },
      { path: 'package/src/index.js', body: shoutModule },
    ]);
    const response = await fetch(`${weft.url}/connectors`, { method: 'POST', headers: { authorization: `Bearer ${operator.token}`, 'content-type': 'application/gzip' }, body: tarball });
    return { status: response.status, body: (await response.json()) as { error?: { code: string; path: string; message: string } } };
  };

  it('installs them into the connector\'s own folder, without running install scripts, and a flow uses them', { timeout: 120_000 }, async () => {
    const installed = await upload({ 'weft-test-shout': '~1.0.0' });
    expect(installed).toMatchObject({ status: 201, body: { name: 'acme.loud' } });
    const folder = join(weft.dataDir, 'connectors', 'acme.loud', '1.0.0');
    expect(existsSync(join(folder, 'node_modules', 'weft-test-shout', 'index.js'))).toBe(true);
    expect(existsSync(join(folder, 'node_modules', 'weft-test-shout', 'SCRIPT_RAN'))).toBe(false);
    // The engine's own node_modules is untouched.
    expect(existsSync(join(process.cwd(), 'node_modules', 'weft-test-shout'))).toBe(false);
    // The range picked 1.0.0, not latest; the engine's @weft/connector-kit was not asked of the registry.
    expect(registry.requests).toContain('/weft-test-shout/-/weft-test-shout-1.0.0.tgz');
    expect(registry.requests.some((url) => url.includes('connector-kit'))).toBe(false);

    const user = await weft.signup();
    const flowId = await user.createFlow({
      hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
      loud: { type: 'acme.loud.Shout', x: 1, y: 0, source: { in: { hook: ['out'] } }, config: { transform: { in: { hook: { out: { type: 'json2new', lambda: { text: '{{{$.hook.out.body.text}}}' } } } } } } },
      reply: { type: 'weft.utils.http.Response', x: 2, y: 0, source: { in: { loud: ['out'] } }, config: { transform: { in: { loud: { out: { type: 'json2new', lambda: { body: '{{{$.loud.out}}}' } } } } } } },
    }, 'Loud');
    await user.startFlow(flowId);
    const answer = await fetch(`${weft.url}/flows/${flowId}/components/hook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'hi' }) });
    expect(await answer.json()).toEqual({ text: 'HI!' });
  });

  it('refuses a dependency the registry does not have, with npm\'s reason and the field\'s path', { timeout: 120_000 }, async () => {
    const refused = await upload({ 'weft-test-nowhere': '^1.0.0' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'connector.missing_dependency', path: 'package.json.dependencies.weft-test-nowhere' });
    expect(refused.body.error!.message).toMatch(/installing weft-test-nowhere from http:\/\/127\.0\.0\.1:\d+\/ failed: .*(404|Not Found)/i);
  });
});
