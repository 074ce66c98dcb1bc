/** @module Redis connector: the engine loads this module's default export (see package.json `weft`). */
import { Get, Publish, Set } from './commands.ts';
import { Subscribe } from './subscribe.ts';

export default [Get, Set, Publish, Subscribe];
