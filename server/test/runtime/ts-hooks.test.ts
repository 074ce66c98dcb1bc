/**
 * bin/weft.js loads the TypeScript through bin/ts-hooks.mjs (esbuild's transform) instead of tsx: the
 * modules run as written, a `./x.js` specifier finds `./x.ts`, and no function is wrapped in a
 * `__name()` call (tsx's keepNames, an Object.defineProperty per closure made on the hot path).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const hooks = new URL('../../bin/ts-hooks.mjs', import.meta.url).href;
const registerHooks = `data:text/javascript,import{register}from'node:module';register(${JSON.stringify(hooks)})`;

function runNode(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd, timeout: 60_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
  });
}

describe('bin/ts-hooks.mjs', () => {
  it('runs TypeScript, resolves ./x.js to ./x.ts and leaves closures unwrapped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weft-hooks-'));
    writeFileSync(join(dir, 'b.ts'), 'export const b: number = 41;\nexport type Unused = { a: string };\n');
    writeFileSync(join(dir, 'a.ts'), [
      "import { b, type Unused } from './b.js';",
      'class Box { #v: number; constructor(v: number) { this.#v = v; } get v(): number { return this.#v; } }',
      'const make = () => { const add = (x: number): number => x + b; return add; };',
      'const u: Unused | undefined = undefined;',
      'console.log(JSON.stringify({ sum: make()(1), box: new Box(2).v, name: make.name, u: u ?? null, wrapped: make.toString().includes("__name") }));',
    ].join('\n'));
    const out = JSON.parse(await runNode(['--import', registerHooks, 'a.ts'], dir)) as Record<string, unknown>;
    expect(out).toEqual({ sum: 42, box: 2, name: 'make', u: null, wrapped: false });
  });

  it('starts the CLI: `weft` without a command prints its usage', async () => {
    const out = await runNode([new URL('../../bin/weft.js', import.meta.url).pathname, 'help'], tmpdir()).catch((error: Error) => error.message);
    expect(out).toMatch(/weft (start|api|worker)/i);
  });
});
