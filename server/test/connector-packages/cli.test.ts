import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConnectorCommand } from '../../src/connector-command.ts';
import { startTestWeft, type TestWeft } from '../harness.ts';

const run = promisify(execFile);
const serverDir = fileURLToPath(new URL('../../', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs `weft connector …` in this process, capturing what it prints. */
async function weftConnector(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runConnectorCommand(args, (line) => out.push(line), (line) => err.push(line));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('when a developer builds a connector with the weft CLI', () => {
  let weft: TestWeft;
  let work: string;
  beforeAll(async () => {
    weft = await startTestWeft();
    work = mkdtempSync(join(tmpdir(), 'weft-cli-'));
  });
  afterAll(async () => {
    await weft.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('inits, validates, tests, packs and publishes it into a running engine, where a flow with it runs', { timeout: 90_000 }, async () => {
    const dir = join(work, 'crm');
    expect(await weftConnector('init', dir, '--name', 'acme.crm')).toMatchObject({ code: 0 });
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))).toMatchObject({ version: '0.1.0', weft: { name: 'acme.crm', components: 'src/index.js' } });

    const validated = await weftConnector('validate', dir);
    expect(validated.code).toBe(0);
    expect(validated.out).toContain('✓ acme.crm 0.1.0: 2 components');
    expect(validated.out).toContain('acme.crm.NewItem  New item (trigger)');

    writeFileSync(join(work, 'msg.json'), JSON.stringify({ name: 'Ada' }));
    writeFileSync(join(work, 'p.json'), JSON.stringify({ greeting: 'Ahoj' }));
    const tested = await weftConnector('test', dir, 'SayHello', '--input', join(work, 'msg.json'), '--properties', join(work, 'p.json'));
    expect(tested.code).toBe(0);
    expect(JSON.parse(tested.out)).toEqual({ component: 'acme.crm.SayHello', sent: [{ port: 'out', data: { message: 'Ahoj, Ada!' } }] });

    const packed = await weftConnector('pack', dir, '--out', join(work, 'dist'));
    expect(packed.code).toBe(0);
    expect(packed.out).toBe(join(work, 'dist', 'weft-connector-acme-crm-0.1.0.tgz'));

    const operator = await weft.operator();
    const published = await weftConnector('publish', packed.out, '--url', weft.url, '--token', operator.token);
    expect(published).toMatchObject({ code: 0, out: `Installed acme.crm 0.1.0 on ${weft.url}: acme.crm.SayHello, acme.crm.NewItem` });

    const user = await weft.signup();
    const flowId = await user.createFlow({
      hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
      hello: {
        type: 'acme.crm.SayHello', x: 1, y: 0, source: { in: { hook: ['out'] } },
        config: { properties: { greeting: 'Hello' }, transform: { in: { hook: { out: { type: 'json2new', lambda: { name: '{{{$.hook.out.body.name}}}' } } } } } },
      },
      reply: {
        type: 'weft.utils.http.Response', x: 2, y: 0, source: { in: { hello: ['out'] } },
        config: { transform: { in: { hello: { out: { type: 'json2new', lambda: { body: '{{{$.hello.out}}}' } } } } } },
      },
    });
    await user.startFlow(flowId);
    const answer = await fetch(`${weft.url}/flows/${flowId}/components/hook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Grace' }) });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ message: 'Hello, Grace!' });

    // Publishing needs an operator's token.
    const refused = await weftConnector('publish', packed.out, '--url', weft.url, '--token', user.token);
    expect(refused).toMatchObject({ code: 1, err: expect.stringContaining('auth.forbidden') });
  });

  it('takes a token that begins with "-" (one user token in 64 does) as the token, not as an option', async () => {
    writeFileSync(join(work, 'empty.tgz'), '');
    const refused = await weftConnector('publish', join(work, 'empty.tgz'), '--url', weft.url, '--token', '-not-a-real-token');
    // Parsed, sent and refused by the engine (code 1), not answered with the usage (code 2).
    expect(refused.code).toBe(1);
    expect(refused.err).not.toContain('Usage');
    expect(refused.err).toMatch(/auth/i);
  });

  it('gives the template a vitest test that passes', { timeout: 60_000 }, async () => {
    const dir = join(work, 'template');
    expect((await weftConnector('init', dir, '--name', 'acme.notes')).code).toBe(0);
    // A developer installs @weft/connector-kit; here the workspace's own stands in for it.
    mkdirSync(join(dir, 'node_modules', '@weft'), { recursive: true });
    symlinkSync(join(repoRoot, 'packages', 'connector-kit'), join(dir, 'node_modules', '@weft', 'connector-kit'), 'dir');
    const { stdout } = await run(join(repoRoot, 'node_modules', '.bin', 'vitest'), ['run', '--root', dir, '--reporter', 'verbose'], { cwd: dir });
    expect(stdout).toContain('says hello to the name it receives');
    expect(stdout).toMatch(/2 passed/);
  });

  it('says what is wrong, with its path, when a package does not validate', async () => {
    const dir = join(work, 'broken');
    expect((await weftConnector('init', dir, '--name', 'acme.broken')).code).toBe(0);
    const packageJson = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { weft: Record<string, unknown> };
    packageJson.weft.icon = 'icon.png';
    writeFileSync(join(dir, 'package.json'), JSON.stringify(packageJson));
    const result = await weftConnector('validate', dir);
    expect(result.code).toBe(1);
    expect(result.err).toContain('connector.invalid at package.json.weft.icon');
    expect(await weftConnector('init', join(work, 'x'), '--name', 'NotAName')).toMatchObject({ code: 2, err: expect.stringContaining('--name') });
    expect((await weftConnector('frobnicate')).code).toBe(2);
  });

  it('runs as `weft connector` from the weft binary', { timeout: 60_000 }, async () => {
    const dir = join(work, 'binary');
    expect((await weftConnector('init', dir, '--name', 'acme.bin')).code).toBe(0);
    const { stdout } = await run(process.execPath, [join(serverDir, 'bin', 'weft.js'), 'connector', 'validate', dir], { cwd: serverDir });
    expect(stdout).toContain('✓ acme.bin 0.1.0: 2 components');
  });
});

describe('when a developer tries a listen trigger with weft connector test --listen', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'weft-cli-listen-'));
    const dir = join(work, 'ticker');
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({
      name: 'weft-connector-acme-ticker', version: '0.1.0', type: 'module', files: ['src'], peerDependencies: { '@weft/connector-kit': '*' },
      weft: { name: 'acme.ticker', label: 'Ticker', components: 'src/index.js' },
    }));
    // A source that pushes a numbered message every 20 ms and says how it was closed.
    writeFileSync(join(dir, 'src', 'index.js'), `import { defineComponent } from '@weft/connector-kit';
export default [defineComponent(
  { name: 'acme.ticker.Ticks', label: 'Ticks', trigger: true, outPorts: [{ name: 'out' }],
    properties: { inspector: { inputs: { prefix: { type: 'text', label: 'Prefix', defaultValue: 'tick' } } } } },
  { async listen(context, emit) {
      if (context.auth?.fields.key !== 'open-sesame') throw new Error('the account key is wrong');
      let n = 0;
      const timer = setInterval(() => { n += 1; emit({ text: context.properties.prefix + ' ' + n }).catch(() => {}); }, 20);
      return async () => { clearInterval(timer); context.log('info', 'closed after ' + n); };
  } },
)];
`);
    writeFileSync(join(work, 'account.json'), JSON.stringify({ key: 'open-sesame' }));
    writeFileSync(join(work, 'p.json'), JSON.stringify({ prefix: 'beat' }));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('opens it with the account and properties, prints the messages it emits, and closes it after --count', { timeout: 60_000 }, async () => {
    const listened = await weftConnector('test', join(work, 'ticker'), 'Ticks', '--listen', '--count', '3', '--account', join(work, 'account.json'), '--properties', join(work, 'p.json'));
    expect(listened.code).toBe(0);
    expect(listened.out.split('\n').map((line) => JSON.parse(line))).toEqual([1, 2, 3].map((n) => ({ component: 'acme.ticker.Ticks', port: 'out', data: { text: `beat ${n}` } })));
    expect(listened.err).toMatch(/\[info\] closed after \d+/);
  });

  it('says why it could not open', { timeout: 60_000 }, async () => {
    const refused = await weftConnector('test', join(work, 'ticker'), 'Ticks', '--listen');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('the account key is wrong');
  });
});

