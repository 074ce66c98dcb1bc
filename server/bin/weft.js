#!/usr/bin/env node
// `weft start | api | worker | scheduler | indexer | users …`: runs the TypeScript CLI through tsx's ESM loader.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli.ts');
