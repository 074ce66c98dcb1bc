/**
 * @module `weft connector …`: a connector developer's commands: init a package from a template,
 * validate it, run one component with the real engine context, pack it, publish it to an engine.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { createApiClient, isApiError } from '@weft/api-client';
import { ConnectorName, isWeftError, weftError, type AccountAuth } from '@weft/connector-kit';
import { EmbeddedStore } from './adapters/embedded/store.ts';
import { loadConnectorPackage, type LoadedPackage } from './connector-packages/connector-packages.ts';
import { unpackConnectorTarball } from './connector-packages/tarball.ts';
import { connectorTemplate } from './connector-packages/template.ts';
import { buildContext, propertiesWithDefaults, stateApi } from './engine/component-context.ts';
import { withSecretValues } from './cli-args.ts';

const run = promisify(execFile);

const USAGE = `Usage:
  weft connector init <dir> --name <vendor.app>
      Writes a working connector package (one action, one trigger, a vitest test) into <dir>.
  weft connector validate <dir>
      Packs <dir> as npm would and checks it as the engine does: package.json's weft section,
      bundled dependencies, every component's manifest and behaviour.
  weft connector test <dir> <component> --input <msg.json> [--properties <p.json>] [--port <in port>] [--account <a.json>]
      Runs the component's receive once with the real engine context; prints what it sent.
      --account: the account's fields as the component gets them in context.auth
      ({ "type": "bearer", "fields": { "token": "…" } }, or just the fields).
  weft connector test <dir> <component> --listen [--count <n>] [--wait <seconds>] [--properties <p.json>] [--account <a.json>]
      Opens a listen trigger (a queue consumer, a subscriber) as the engine does; prints each message
      it emits (each accepted at once), and closes it after <n> messages (default 1) or <seconds> (default 30).
  weft connector pack <dir> [--out <folder>]
      Makes the .tgz (npm pack) that POST /connectors takes; prints its path.
  weft connector publish <tgz> --url <engine> --token <operator token> [--force]
      Installs the .tgz into a running engine (operators only).`;

type Out = (line: string) => void;

/** Runs the command; resolves to the process exit code. */
export async function runConnectorCommand(args: readonly string[], out: Out = console.log, err: Out = console.error): Promise<number> {
  const [sub, ...rest] = args;
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(rest);
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  try {
    switch (sub) {
      case 'init': {
        const [dir] = positionals;
        if (dir === undefined || values.name === undefined) break;
        return await init(dir, values.name, out, err);
      }
      case 'validate': {
        const [dir] = positionals;
        if (dir === undefined) break;
        const loaded = await checkedPackage(dir);
        const { weft, version } = loaded.packageJson;
        out(`✓ ${weft.name} ${version}: ${loaded.components.length} component${loaded.components.length === 1 ? '' : 's'}`);
        for (const { manifest } of loaded.components) out(`  ${manifest.name}  ${manifest.label}${manifest.trigger ? ' (trigger)' : ''}`);
        return 0;
      }
      case 'test': {
        const [dir, component] = positionals;
        if (dir === undefined || component === undefined) break;
        if (values.listen === true) {
          return await testListener(dir, component, { properties: values.properties, account: values.account, count: values.count, wait: values.wait }, out, err);
        }
        if (values.input === undefined) break;
        return await testComponent(dir, component, { input: values.input, properties: values.properties, port: values.port, account: values.account }, out, err);
      }
      case 'pack': {
        const [dir] = positionals;
        if (dir === undefined) break;
        out(await pack(dir, values.out ?? process.cwd()));
        return 0;
      }
      case 'publish': {
        const [file] = positionals;
        if (file === undefined || values.url === undefined || values.token === undefined) break;
        const token = values.token;
        const api = createApiClient({ baseUrl: values.url, getToken: () => token });
        const installed = await api.installConnector(new Uint8Array(await readFile(file)), { force: values.force === true });
        out(`Installed ${installed.name} ${installed.version} on ${values.url}: ${installed.components.join(', ')}`);
        return 0;
      }
      default:
        break;
    }
  } catch (error) {
    err(describeError(error));
    return 1;
  }
  err(USAGE);
  return 2;
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: withSecretValues(args),
    allowPositionals: true,
    strict: true,
    options: {
      name: { type: 'string' }, input: { type: 'string' }, properties: { type: 'string' }, port: { type: 'string' },
      out: { type: 'string' }, url: { type: 'string' }, token: { type: 'string' }, force: { type: 'boolean' }, account: { type: 'string' },
      listen: { type: 'boolean' }, count: { type: 'string' }, wait: { type: 'string' },
    },
  });
}

/** One line a developer can act on: the path of what is wrong, and why. */
function describeError(error: unknown): string {
  if (isWeftError(error)) {
    const details = Array.isArray(error.details) ? (error.details as { path?: string; message?: string }[]) : [];
    const more = details.length > 1 ? `\n${details.map((d) => `  ${d.path ?? ''}: ${d.message ?? ''}`).join('\n')}` : '';
    return `✗ ${error.code}${error.path ? ` at ${error.path}` : ''}: ${error.message}${more}`;
  }
  if (isApiError(error)) return `✗ ${error.code} (${error.status}): ${error.message}`;
  return `✗ ${error instanceof Error ? error.message : String(error)}`;
}

async function init(dir: string, name: string, out: Out, err: Out): Promise<number> {
  const checked = ConnectorName.safeParse(name);
  if (!checked.success) {
    err(`✗ --name: ${checked.error.issues[0]?.message ?? 'invalid'}`);
    return 2;
  }
  const target = resolve(dir);
  if (existsSync(join(target, 'package.json'))) {
    err(`✗ ${target} already holds a package.json; choose an empty folder.`);
    return 1;
  }
  for (const [path, text] of Object.entries(connectorTemplate(name))) {
    await mkdir(join(target, path, '..'), { recursive: true });
    await writeFile(join(target, path), text);
  }
  out(`Created ${name} in ${target}. Next: weft connector validate ${dir}`);
  return 0;
}

/** `npm pack` of `dir` into `outDir`; the path of the .tgz. */
export async function pack(dir: string, outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', resolve(outDir)], { cwd: resolve(dir), maxBuffer: 16 * 1024 * 1024 });
  const [first] = JSON.parse(stdout) as { filename: string }[];
  if (!first) throw new Error('npm pack made no tarball');
  return join(resolve(outDir), basename(first.filename));
}

/** Pack, unpack and load `dir` in a scratch folder exactly as the engine would. */
async function checkedPackage(dir: string): Promise<LoadedPackage> {
  const scratch = await mkdtemp(join(tmpdir(), 'weft-connector-'));
  try {
    const tgz = await pack(dir, scratch);
    const unpacked = join(scratch, 'package');
    await unpackConnectorTarball(new Uint8Array(await readFile(tgz)), unpacked);
    return await loadConnectorPackage(unpacked, randomUUID());
  } finally {
    // The loaded modules stay in memory; the files are no longer needed.
    await rm(scratch, { recursive: true, force: true });
  }
}

async function readJson(path: string, what: string): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`${what} ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what} ${path}: expected a JSON object`);
  return value as Record<string, unknown>;
}

/** `{ type, fields }` or the bare fields: what the component sees as `context.auth` (values as text). */
function accountAuth(json: Record<string, unknown>): AccountAuth {
  const fields = typeof json.fields === 'object' && json.fields !== null ? (json.fields as Record<string, unknown>) : json;
  return {
    accountId: 'weft-connector-test',
    type: typeof json.type === 'string' ? json.type : 'custom',
    fields: Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)])),
  };
}

/** A positive whole number given as text (`--count 3`), else `fallback`; refuses anything else. */
function positiveInteger(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new Error(`${flag} must be a positive whole number, not "${value}"`);
  return number;
}

/** The component `type` (its full name or its last part) of the package in `dir`, checked as the engine loads it; undefined after saying which exist. */
async function componentOf(dir: string, type: string, err: Out): Promise<LoadedPackage['components'][number] | undefined> {
  const loaded = await checkedPackage(dir);
  const definition = loaded.components.find(({ manifest }) => manifest.name === type || manifest.name.endsWith(`.${type}`));
  if (!definition) err(`✗ ${type}: no such component; the package defines ${loaded.components.map(({ manifest }) => manifest.name).join(', ')}`);
  return definition;
}

/** Opens a listen trigger with a stand-in for the engine: every emit is accepted at once and printed. */
async function testListener(dir: string, type: string, files: { properties?: string | undefined; account?: string | undefined; count?: string | undefined; wait?: string | undefined }, out: Out, err: Out): Promise<number> {
  const count = positiveInteger(files.count, '--count', 1);
  const waitMs = positiveInteger(files.wait, '--wait', 30) * 1000;
  const definition = await componentOf(dir, type, err);
  if (!definition) return 1;
  const { manifest, behaviour } = definition;
  if (!behaviour.listen) {
    err(`✗ ${manifest.name} has no listen (it is not a subscribe/consume trigger); run it with --input instead.`);
    return 1;
  }
  const properties = propertiesWithDefaults(manifest, files.properties === undefined ? {} : await readJson(files.properties, '--properties'));
  const auth = files.account === undefined ? undefined : accountAuth(await readJson(files.account, '--account'));
  const scratch = await mkdtemp(join(tmpdir(), 'weft-connector-listen-'));
  const store = new EmbeddedStore({ file: join(scratch, 'state.sqlite') });
  const abort = new AbortController();
  let received = 0;
  let lostError: unknown;
  let finish = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const timer = setTimeout(finish, waitMs);
  const outPorts = manifest.outPorts.map((port) => port.name);
  try {
    const close = await behaviour.listen({
      flowId: 'weft-connector-test', userId: 'weft-connector-test', componentId: 'component', componentType: manifest.name, manifest, properties, auth,
      state: stateApi(store, 'connector-test:component'), flowState: stateApi(store, 'connector-test:flow'),
      log: (level, message) => err(`[${level}] ${message}`),
      lost: (error) => {
        lostError = error;
        finish();
      },
      signal: abort.signal,
    }, async (data, port = outPorts[0]) => {
      if (port === undefined || !outPorts.includes(port)) throw new Error(`${manifest.name} has no out port "${String(port)}"`);
      if (received >= count) throw weftError('listener.closed', 'weft connector test took the messages it was asked for.');
      received += 1;
      out(JSON.stringify({ component: manifest.name, port, data }));
      if (received >= count) finish();
    });
    await finished;
    abort.abort();
    await close();
  } finally {
    clearTimeout(timer);
    await store.close();
    await rm(scratch, { recursive: true, force: true });
  }
  if (lostError !== undefined) {
    err(`✗ the source was lost: ${lostError instanceof Error ? lostError.message : JSON.stringify(lostError)}`);
    return 1;
  }
  if (received < count) {
    err(`✗ ${received} of ${count} message${count === 1 ? '' : 's'} within ${waitMs / 1000} s`);
    return 1;
  }
  return 0;
}

async function testComponent(dir: string, type: string, files: { input: string; properties?: string | undefined; port?: string | undefined; account?: string | undefined }, out: Out, err: Out): Promise<number> {
  const definition = await componentOf(dir, type, err);
  if (!definition) return 1;
  const { manifest, behaviour } = definition;
  if (!behaviour.receive) {
    err(`✗ ${manifest.name} has no receive (a trigger that only ticks); nothing to run with --input.`);
    return 1;
  }
  const content = await readJson(files.input, '--input');
  const properties = files.properties === undefined ? {} : await readJson(files.properties, '--properties');
  const port = files.port ?? manifest.inPorts[0]?.name ?? 'in';
  const auth = files.account === undefined ? undefined : accountAuth(await readJson(files.account, '--account'));
  const scratch = await mkdtemp(join(tmpdir(), 'weft-connector-test-'));
  const store = new EmbeddedStore({ file: join(scratch, 'state.sqlite') });
  try {
    const correlationId = randomUUID();
    const messageId = randomUUID();
    const { context, sends, finishLog } = buildContext({
      services: {
        store,
        now: Date.now,
        publicUrl: 'http://127.0.0.1:2300',
        answerWebhook: async (reply) => out(JSON.stringify({ webhookAnswer: { status: reply.status, body: reply.body } })),
        callFlow: async () => {
          throw new Error('callFlow needs a running engine; weft connector test runs one component alone');
        },
        maxSends: 1000,
        keepRunValues: async () => {},
        log: (_record, payload) => err(`[${payload.level}] ${payload.message}`),
      },
      userId: 'weft-connector-test',
      flowId: 'weft-connector-test',
      componentId: 'component',
      manifest,
      properties: propertiesWithDefaults(manifest, properties),
      correlationId,
      causeId: messageId,
      port,
      attempt: 1,
      messages: { [port]: { content, correlationId, messageId } },
      scope: {},
      test: true,
      ...(auth ? { auth } : {}),
    });
    try {
      await behaviour.receive(context);
    } finally {
      finishLog();
    }
    out(JSON.stringify({ component: manifest.name, sent: sends.map(({ port: outPort, data }) => ({ port: outPort, data })) }, null, 2));
    return 0;
  } finally {
    await store.close();
    await rm(scratch, { recursive: true, force: true });
  }
}
