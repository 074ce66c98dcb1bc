// Module hooks that load Weft's TypeScript (server and workspace packages) through esbuild's transform.
// Like tsx, but without its `keepNames`: tsx wraps every function a module creates in a `__name()` call
// (an Object.defineProperty each time a closure is made), about 9 % of the engine thread's time on a
// webhook run. Nothing here is minified, so names stay as written.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

const TS = /\.(?:ts|mts)$/;
const OPTIONS = {
  loader: 'ts',
  format: 'esm',
  target: `node${process.versions.node}`,
  sourcemap: 'inline',
  tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true, useDefineForClassFields: true } },
};

/** A TypeScript module may name a sibling by its compiled name (`./x.js` for `./x.ts`), as tsc and tsx allow. */
export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const fromTs = context.parentURL !== undefined && TS.test(context.parentURL);
    if (!fromTs || !specifier.startsWith('.') || !specifier.endsWith('.js')) throw error;
    return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
  }
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !TS.test(new URL(url).pathname)) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const { code } = await transform(await readFile(path, 'utf8'), { ...OPTIONS, sourcefile: path });
  return { format: 'module', source: code, shortCircuit: true };
}
