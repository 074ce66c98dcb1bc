#!/usr/bin/env node
// `weft start | api | worker | scheduler | indexer | users …`: runs the TypeScript CLI through our own
// module hooks (ts-hooks.mjs: esbuild's transform, without tsx's per-closure `__name` calls).
import { register } from 'node:module';
import { applyHeapGrowth } from './heap-growth.mjs';

try {
  applyHeapGrowth();
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
register('./ts-hooks.mjs', import.meta.url);
// Stack traces name the TypeScript lines (each module carries an inline source map).
process.setSourceMapsEnabled(true);
await import('../src/cli.ts');
