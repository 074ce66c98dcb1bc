import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';
import { ICON, makeTarball } from './make-tarball.ts';

/** A first-party package folder: `weft.<app>` with one Echo component (plain objects: no import needed). */
function writePackage(root: string, folder: string, name: string, options: { components?: string } = {}): void {
  mkdirSync(join(root, folder, 'src'), { recursive: true });
  writeFileSync(join(root, folder, 'package.json'), JSON.stringify({
    name: `@weft/connector-${folder}`, version: '1.2.3', type: 'module',
    weft: { name, label: `Demo ${folder}`, icon: ICON, components: 'src/index.js', locales: { cs: { label: `Ukázka ${folder}` } } },
  }));
  writeFileSync(join(root, folder, 'src', 'index.js'), options.components ?? `export default [{
  manifest: { name: '${name}.Echo', label: 'Echo', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
  behaviour: { async receive(context) { await context.sendJson({ echoed: context.messages.in.content.text }, 'out'); } },
}];
`);
}

describe('when the engine starts with first-party connectors in WEFT_CONNECTORS_DIR', () => {
  let root: string;
  let weft: TestWeft;
  let operator: TestUser;
  const startErrors: string[] = [];
  let reportError: typeof console.error;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'weft-first-party-'));
    writePackage(root, 'demo', 'weft.demo');
    writePackage(root, 'acme', 'acme.builtin');
    writePackage(root, 'broken', 'weft.broken', { components: 'export default [];\n' });
    mkdirSync(join(root, 'shared-sql'));
    writeFileSync(join(root, 'shared-sql', 'package.json'), JSON.stringify({ name: '@weft/shared-sql', version: '1.0.0' }));
    writeFileSync(join(root, 'README.md'), '# not a package\n');
    // The engine reports errors through console.error ("[weft] …"): catch the broken package's.
    reportError = console.error;
    console.error = (...args: unknown[]) => void startErrors.push(args.map(String).join(' '));
    try {
      weft = await startTestWeft({ env: { WEFT_CONNECTORS_DIR: root } });
    } finally {
      console.error = reportError;
    }
    operator = await weft.operator();
  });
  afterAll(async () => {
    await weft?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('lists each package folder as built in and runs its components; folders without a weft section are passed over', async () => {
    const list = await operator.call('GET', '/connectors');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ name: 'acme.builtin', builtIn: true }),
      expect.objectContaining({ name: 'weft.demo', version: '1.2.3', builtIn: true, installedBy: 'weft', components: ['weft.demo.Echo'] }),
    ]);
    const user = await weft.signup();
    expect((await user.call('GET', '/components/weft.demo.Echo')).status).toBe(200);
    const flowId = await user.createFlow({
      hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
      echo: { type: 'weft.demo.Echo', x: 1, y: 0, source: { in: { hook: ['out'] } }, config: { transform: { in: { hook: { out: { type: 'json2new', lambda: { text: '{{{$.hook.out.body.text}}}' } } } } } } },
      reply: { type: 'weft.utils.http.Response', x: 2, y: 0, source: { in: { echo: ['out'] } }, config: { transform: { in: { echo: { out: { type: 'json2new', lambda: { body: '{{{$.echo.out}}}' } } } } } } },
    });
    await user.startFlow(flowId);
    const answer = await fetch(`${weft.url}/flows/${flowId}/components/hook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'hi' }) });
    expect(await answer.json()).toEqual({ echoed: 'hi' });
  });

  it('refuses to remove a built-in connector', async () => {
    const removed = await operator.call('DELETE', '/connectors/weft.demo');
    expect(removed.status).toBe(409);
    expect(removed.body.error).toMatchObject({ code: 'connector.built_in', path: 'name' });
    expect(removed.body.error.message).toContain('cannot be removed');
    expect((await operator.call('GET', '/components/weft.demo.Echo')).status).toBe(200);
  });

  async function upload(name: string) {
    const tarball = makeTarball([
      { path: 'package/package.json', body: JSON.stringify({ name: 'x', version: '9.0.0', type: 'module', weft: { name, label: 'Fake', components: 'src/index.js' } }) },
      { path: 'package/src/index.js', body: `export default [{ manifest: { name: "${name}.Echo", label: "Fake" }, behaviour: { async receive() {} } }];\n` },
    ]);
    const response = await fetch(`${weft.url}/connectors`, { method: 'POST', headers: { authorization: `Bearer ${operator.token}`, 'content-type': 'application/gzip' }, body: tarball });
    return { status: response.status, error: ((await response.json()) as { error: { code: string; path: string; message: string } }).error };
  }

  it('refuses an installed package that would take a built-in name', async () => {
    const shadow = await upload('acme.builtin');
    expect(shadow.status).toBe(409);
    expect(shadow.error).toMatchObject({ code: 'connector.built_in', path: 'name' });
    // "weft." names stay reserved to the engine for operators' packages.
    const reserved = await upload('weft.demo');
    expect(reserved.status).toBe(400);
    expect(reserved.error).toMatchObject({ code: 'connector.invalid', path: 'package.json.weft.name' });
    const list = await operator.call('GET', '/connectors');
    expect(list.body.items.map((item: { name: string; version: string }) => `${item.name}@${item.version}`).sort()).toEqual(['acme.builtin@1.2.3', 'weft.demo@1.2.3']);
    expect((await operator.call('GET', '/components/acme.builtin.Echo')).status).toBe(200);
  });

  it('reports a broken first-party package without keeping the others from loading', () => {
    expect(startErrors).toEqual([expect.stringContaining('[connector.invalid]: components: the module\'s default export must be a non-empty list')]);
    expect(weft.weft.connectors.builtIns.has('weft.broken')).toBe(false);
    expect(weft.weft.connectors.builtIns.has('weft.demo')).toBe(true);
  });
});

describe('when WEFT_CONNECTORS_DIR is off', () => {
  it('loads no first-party connector', async () => {
    const weft = await startTestWeft({ env: { WEFT_CONNECTORS_DIR: 'off' } });
    try {
      const operator = await weft.operator();
      expect((await operator.call('GET', '/connectors')).body.items).toEqual([]);
    } finally {
      await weft.close();
    }
  });
});
