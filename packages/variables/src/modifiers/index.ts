/** @module Built-in modifiers: every category in one list, in the order the designer shows them. */
import type { ModifierDefinition } from '../modifier-definition.ts';
import { cryptoModifiers } from './crypto.ts';
import { dateModifiers } from './date.ts';
import { encodingModifiers } from './encoding.ts';
import { jsonModifiers } from './json.ts';
import { listModifiers } from './list.ts';
import { logicModifiers } from './logic.ts';
import { numberModifiers } from './number.ts';
import { objectModifiers } from './object.ts';
import { textModifiers } from './text.ts';

export const builtinModifiers: readonly ModifierDefinition[] = Object.freeze([
  ...textModifiers,
  ...numberModifiers,
  ...dateModifiers,
  ...listModifiers,
  ...objectModifiers,
  ...logicModifiers,
  ...encodingModifiers,
  ...cryptoModifiers,
  ...jsonModifiers,
]);
