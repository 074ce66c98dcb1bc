/** @module `when` evaluation: whether an inspector or wizard field shows, given its siblings' values. */
import type { WhenCondition } from './manifest.ts';

/** Field references may be written `./name` (a sibling, as in Appmixer manifests) or just `name`. */
function read(values: Readonly<Record<string, unknown>>, ref: string): unknown {
  const name = ref.startsWith('./') ? ref.slice(2) : ref;
  return Object.hasOwn(values, name) ? values[name] : undefined;
}

function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

/** true when the field should show; a missing condition always shows. */
export function evaluateWhen(condition: WhenCondition | undefined, values: Readonly<Record<string, unknown>>): boolean {
  if (condition === undefined) return true;
  if ('eq' in condition) return Object.entries(condition.eq).every(([ref, expected]) => same(read(values, ref), expected));
  if ('neq' in condition) return Object.entries(condition.neq).every(([ref, expected]) => !same(read(values, ref), expected));
  if ('in' in condition) return Object.entries(condition.in).every(([ref, allowed]) => allowed.some((value) => same(read(values, ref), value)));
  if ('or' in condition) return condition.or.some((part) => evaluateWhen(part, values));
  return condition.and.every((part) => evaluateWhen(part, values));
}
