/** @module Value coercion: how modifiers read text, numbers, lists, objects and dates, with clear errors. */
import { ModifierArgsError } from '../modifier-definition.ts';
import { parsePath } from '../path.ts';
import type { PathSegment } from '../variable-ref.ts';

/** Strings as they are, null and missing values as '', objects and arrays as JSON. */
export function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  return JSON.stringify(value) ?? '';
}

/** Code points, so "🐴" counts as one character. */
export function characters(value: unknown): string[] {
  return [...toText(value)];
}

/** A short description of a value for error messages: `the text "abc"`, `null`, `an object`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing (missing value)';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  return typeof value;
}

/** Numbers, or text that is a number ("42", " 3.5 "); anything else is an error naming the value. */
export function toNumber(value: unknown, role = 'the value'): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value.trim());
    if (Number.isFinite(parsed)) return parsed;
  }
  throw new Error(`expected ${role} to be a number, got ${describeValue(value)}`);
}

/** A list; null and missing values are an empty list. */
export function toList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value as unknown[];
  if (value === null || value === undefined) return [];
  throw new Error(`expected a list, got ${describeValue(value)}`);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

/** An object; null and missing values are an empty object. */
export function toObject(value: unknown): Record<string, unknown> {
  if (isPlainObject(value)) return value;
  if (value === null || value === undefined) return {};
  throw new Error(`expected an object, got ${describeValue(value)}`);
}

/** A path argument such as `"user.name"` or `"items[0].id"`. */
export function pathArg(text: unknown): PathSegment[] {
  const parsed = parsePath(toText(text));
  if (!parsed.ok) throw new ModifierArgsError(`the path ${JSON.stringify(text)} is not valid: ${parsed.error.message}`);
  return parsed.value;
}

/** Deep equality of JSON-like values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    const left = a as unknown[];
    const right = b as unknown[];
    return left.length === right.length && left.every((item, i) => deepEqual(item, right[i]));
  }
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
  }
  return false;
}

/**
 * Truthiness in users' terms: "false", "no", "off", "0" and "" are false, as are 0, null,
 * missing values and empty lists; other text, numbers and objects are true.
 */
export function toBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (value === null || value === undefined) return false;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') return !['', 'false', 'no', 'off', '0'].includes(value.trim().toLowerCase());
  if (Array.isArray(value)) return value.length > 0;
  return true;
}
