import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';
import { componentsModule, goodPackage, makeTarball, packageJson } from './make-tarball.ts';

async function upload(weft: TestWeft, user: TestUser, tarball: Uint8Array, query = '', contentType = 'application/gzip') {
  const response = await fetch(`${weft.url}/connectors${query}`, {
    method: 'POST', headers: { authorization: `Bearer ${user.token}`, 'content-type': contentType }, body: tarball,
  });
  return { status: response.status, body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Webhook → acme.crm.Greet → Response: answers `{ greeting }`. */
const greetFlow = {
  hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
  greet: {
    type: 'acme.crm.Greet', x: 1, y: 0, source: { in: { hook: ['out'] } },
    config: { transform: { in: { hook: { out: { type: 'json2new', lambda: { name: '{{{$.hook.out.body.name}}}' } } } } } },
  },
  reply: {
    type: 'weft.utils.http.Response', x: 2, y: 0, source: { in: { greet: ['out'] } },
    config: { transform: { in: { greet: { out: { type: 'json2new', lambda: { body: '{{{$.greet.out}}}' } } } } } },
  },
};

async function callHook(weft: TestWeft, flowId: string, name: string) {
  const response = await fetch(`${weft.url}/flows/${flowId}/components/hook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
  return { status: response.status, body: await response.json().catch((): unknown => null) };
}

describe('when an operator installs a connector package into a running engine', () => {
  let weft: TestWeft;
  let operator: TestUser;
  beforeAll(async () => {
    weft = await startTestWeft();
    operator = await weft.operator();
  });
  afterAll(async () => {
    await weft.close();
  });

  it('refuses anyone but an operator', async () => {
    const user = await weft.signup();
    expect((await upload(weft, user, goodPackage())).status).toBe(403);
    expect((await user.call('GET', '/connectors')).status).toBe(403);
    expect((await user.call('DELETE', '/connectors/acme.crm')).status).toBe(403);
  });

  it('lists it, offers its components, and a flow using one runs; removing it is refused while the flow runs', async () => {
    const installed = await upload(weft, operator, goodPackage());
    expect(installed.status).toBe(201);
    expect(installed.body).toMatchObject({ name: 'acme.crm', version: '1.0.0', components: ['acme.crm.Greet', 'acme.crm.Shout'] });
    expect(existsSync(join(weft.dataDir, 'connectors', 'acme.crm', '1.0.0', 'src', 'index.js'))).toBe(true);
    const list = await operator.call('GET', '/connectors');
    expect(list.body.items.filter((item: { builtIn: boolean }) => !item.builtIn)).toEqual([expect.objectContaining({ name: 'acme.crm', version: '1.0.0', label: 'Acme CRM', builtIn: false })]);

    const user = await weft.signup();
    expect((await user.call('GET', '/components/acme.crm.Greet')).status).toBe(200);
    const flowId = await user.createFlow(greetFlow, 'Greeter');
    await user.startFlow(flowId);
    expect(await callHook(weft, flowId, 'Ada')).toEqual({ status: 200, body: { greeting: 'Hello, Ada!' } });

    // A new version replaces the old one for new messages.
    const upgraded = await upload(weft, operator, goodPackage({ version: '1.1.0', greeting: 'Hi' }));
    expect(upgraded.status).toBe(201);
    expect(await callHook(weft, flowId, 'Ada')).toEqual({ status: 200, body: { greeting: 'Hi, Ada!' } });

    // One that drops the port the running flow reads is refused, unless forced.
    const breaking = await upload(weft, operator, goodPackage({ version: '2.0.0', greetOutPort: 'done' }));
    expect(breaking.status).toBe(409);
    expect(breaking.body.error).toMatchObject({ code: 'connector.breaking', details: { flows: [{ flowId, name: 'Greeter' }] } });
    expect(breaking.body.error.message).toContain('out port "out" of acme.crm.Greet');
    const dropsShout = await upload(weft, operator, goodPackage({ version: '1.2.0', greeting: 'Hey', greetOnly: true }));
    expect(dropsShout.status).toBe(201);
    expect((await user.call('GET', '/components/acme.crm.Shout')).status).toBe(404);

    const refused = await operator.call('DELETE', '/connectors/acme.crm');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'connector.in_use', path: 'name', details: { flows: [{ flowId, name: 'Greeter' }] } });

    const forced = await operator.call('DELETE', '/connectors/acme.crm?force=true');
    expect(forced).toMatchObject({ status: 200, body: { removed: true, name: 'acme.crm', stoppedFlows: [flowId] } });
    expect((await user.call('GET', `/flows/${flowId}`)).body.stage).toBe('stopped');
    expect((await user.call('GET', '/components/acme.crm.Greet')).status).toBe(404);
    expect((await operator.call('GET', '/connectors')).body.items.filter((item: { builtIn: boolean }) => !item.builtIn)).toEqual([]);
    expect((await operator.call('DELETE', '/connectors/acme.crm')).body.error.code).toBe('connector.not_found');
  });

  it.each([
    ['a path outside package/', [{ path: 'evil.js', body: 'x' }]],
    ['a ".." path', [{ path: 'package/../../evil.js', body: 'x' }]],
    ['an absolute path', [{ path: '/tmp/weft-evil.js', body: 'x' }]],
    ['a symlink out of the package', [{ path: 'package/node_modules/x', type: 'symlink' as const, link: '../../../../etc' }]],
    ['an absolute symlink', [{ path: 'package/passwd', type: 'symlink' as const, link: '/etc/passwd' }]],
    ['a hard link', [{ path: 'package/passwd', type: 'hardlink' as const, link: '/etc/passwd' }]],
  ])('refuses a tarball with %s before writing anything', async (_what, evil) => {
    const tarball = makeTarball([{ path: 'package/package.json', body: packageJson() }, { path: 'package/src/index.js', body: componentsModule() }, ...evil]);
    const answer = await upload(weft, operator, tarball);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'connector.unsafe', path: evil[0]!.path });
    expect(existsSync(join(weft.dataDir, 'evil.js'))).toBe(false);
    expect(existsSync('/tmp/weft-evil.js')).toBe(false);
    expect(existsSync(join(weft.dataDir, 'connectors', 'acme.crm'))).toBe(false);
  });

  it.each([
    ['a bad weft section', [{ path: 'package/package.json', body: packageJson({ weft: { icon: 'http://example.com/a.png' } }) }], 400, 'connector.invalid', 'package.json.weft.icon'],
    ['a missing dependency', [{ path: 'package/package.json', body: packageJson({ dependencies: { 'left-pad': '^1.0.0', '@weft/connector-kit': '*' } }) }, { path: 'package/src/index.js', body: componentsModule() }], 422, 'connector.missing_dependency', 'package.json.dependencies.left-pad'],
    ['a module that throws on load', [{ path: 'package/package.json', body: packageJson() }, { path: 'package/src/index.js', body: 'throw new Error("boom at load");' }], 422, 'connector.load_failed', 'package.json.weft.components'],
    ['a component named after another connector', [{ path: 'package/package.json', body: packageJson() }, { path: 'package/src/index.js', body: componentsModule({ name: 'other.app' }) }, { path: 'package/src/greet.js', body: 'export const greet = () => "";' }], 400, 'connector.invalid', 'components[0].manifest.name'],
    ['a reserved weft. name', [{ path: 'package/package.json', body: packageJson({ name: 'weft.utils' }) }], 400, 'connector.invalid', 'package.json.weft.name'],
    ['no package.json', [{ path: 'package/src/index.js', body: componentsModule() }], 400, 'connector.invalid', 'package.json'],
  ])('refuses %s with a clear error and its path', async (_what, entries, status, code, path) => {
    const answer = await upload(weft, operator, makeTarball(entries));
    expect(answer.status).toBe(status);
    expect(answer.body.error).toMatchObject({ code, path });
  });

  it('describes the routes in /openapi.json', async () => {
    const document = (await (await fetch(`${weft.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>> };
    expect(Object.keys(document.paths['/connectors'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(document.paths['/connectors']?.post?.requestBody?.content ?? {})).toContain('application/gzip');
    expect(document.paths['/connectors/{name}']?.delete).toBeDefined();
  });

  it('refuses a body that is not a gzipped tarball, or sent as JSON', async () => {
    expect((await upload(weft, operator, new TextEncoder().encode('not a tarball'))).body.error).toMatchObject({ code: 'connector.invalid', path: 'body' });
    expect((await upload(weft, operator, goodPackage(), '', 'application/json')).body.error).toMatchObject({ code: 'connector.invalid', path: 'headers.content-type' });
  });

  it('refuses a tarball over WEFT_CONNECTOR_MAX_BYTES', async () => {
    const small = await startTestWeft({ env: { WEFT_CONNECTOR_MAX_BYTES: '200' } });
    try {
      const answer = await upload(small, await small.operator(), goodPackage());
      expect(answer.status).toBe(413);
      expect(answer.body.error.code).toBe('request.too_large');
    } finally {
      await small.close();
    }
  });
});

describe('when the api and the workers run in separate processes sharing the store', () => {
  let api: TestWeft;
  let workers: TestWeft;
  beforeAll(async () => {
    api = await startTestWeft({ roles: ['api'], env: { WEFT_LOG_SHIPPING: 'bus' } });
    workers = await startTestWeft({ roles: ['worker', 'scheduler', 'indexer'], dataDir: api.dataDir, env: { WEFT_LOG_SHIPPING: 'bus' } });
  });
  afterAll(async () => {
    await workers.close();
    await api.close();
  });

  async function within(ms: number, check: () => boolean): Promise<number> {
    const started = Date.now();
    while (!check()) {
      if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return Date.now() - started;
  }

  it('the workers load a package installed through the api within 5 s, run it, and drop it when removed', { timeout: 20_000 }, async () => {
    const operator = await api.operator();
    expect((await upload(api, operator, goodPackage())).status).toBe(201);
    await within(5000, () => workers.weft.engine.components.get('acme.crm.Greet') !== undefined);
    const user = await api.signup();
    const flowId = await user.createFlow(greetFlow);
    await user.startFlow(flowId);
    expect(await callHook(api, flowId, 'Grace')).toEqual({ status: 200, body: { greeting: 'Hello, Grace!' } });

    expect((await operator.call('DELETE', '/connectors/acme.crm?force=true')).status).toBe(200);
    await within(5000, () => workers.weft.engine.components.get('acme.crm.Greet') === undefined);
  });
});
