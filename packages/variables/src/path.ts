/** @module Path: parse `body.items[0].name` / `items[*].id` / `['key with spaces']` and read it from a value. */
import { MAX_PATH_STEPS } from './nesting-limits.ts';
import { fail, ok, type Result, type VariableError } from './result.ts';
import type { PathSegment } from './variable-ref.ts';

/** Characters that end a bare key after a dot. */
const KEY_END = new Set(['.', '[', ']', '|', '(', ')', '{', '}', ',', '"', "'", ' ', '\t', '\n', '\r']);

/**
 * Scan path segments in `src` from `start` until a character that cannot continue a path.
 * `base` is added to offsets in errors so they point into the whole template.
 */
export function scanPath(src: string, start: number, base = 0): Result<{ path: PathSegment[]; next: number }> {
  const path: PathSegment[] = [];
  let i = start;
  for (;;) {
    const ch = src[i];
    if ((ch === '.' || ch === '[') && path.length >= MAX_PATH_STEPS) {
      // readPath recurses once per `[*]`: a path of 100,000 of them would overflow the stack.
      return fail<VariableError>({ code: 'variable.too_deep', message: `the path has more than ${MAX_PATH_STEPS} steps`, at: base + i });
    }
    if (ch === '.') {
      i += 1;
      let key = '';
      while (i < src.length && !KEY_END.has(src[i] ?? '')) key += src[i++];
      if (key === '') return malformed(`expected a key after "."`, base + i);
      path.push({ kind: 'key', key });
    } else if (ch === '[') {
      const open = i;
      i = skipSpaces(src, i + 1);
      const inner = src[i];
      if (inner === '*') {
        path.push({ kind: 'wildcard' });
        i += 1;
      } else if (inner === "'" || inner === '"') {
        const quoted = scanQuoted(src, i, base);
        if (!quoted.ok) return quoted;
        path.push({ kind: 'key', key: quoted.value.text });
        i = quoted.value.next;
      } else {
        const digits = /^-?\d+/.exec(src.slice(i));
        if (!digits) return malformed('expected an index, "*" or a quoted key inside "[…]"', base + i);
        path.push({ kind: 'index', index: Number(digits[0]) });
        i += digits[0].length;
      }
      i = skipSpaces(src, i);
      if (src[i] !== ']') return malformed(`"[" at ${base + open} is not closed with "]"`, base + i);
      i += 1;
    } else {
      return ok({ path, next: i });
    }
  }
}

/** Parse a path on its own, as modifiers such as `get("a.b[0]")` take it; a leading dot is optional. */
export function parsePath(text: string): Result<PathSegment[]> {
  const trimmed = text.trim();
  if (trimmed === '') return ok([]);
  const src = trimmed.startsWith('.') || trimmed.startsWith('[') ? trimmed : `.${trimmed}`;
  const scanned = scanPath(src, 0);
  if (!scanned.ok) return scanned;
  if (scanned.value.next !== src.length) return malformed(`unexpected "${src[scanned.value.next] ?? ''}" in path "${text}"`, scanned.value.next);
  return ok(scanned.value.path);
}

/**
 * Read a path from a value. A missing step gives `undefined` rather than throwing, so `default` can
 * follow. Only own properties are read: `constructor` or `__proto__` never reach the prototype.
 * A negative index counts from the end. A wildcard maps the rest of the path over every item.
 */
export function readPath(value: unknown, path: readonly PathSegment[]): unknown {
  let current = value;
  for (let step = 0; step < path.length; step++) {
    const segment = path[step];
    if (segment === undefined) break;
    switch (segment.kind) {
      case 'key':
        if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment.key)) return undefined;
        // A list's only keys are its indexes: `items.length` is the `length` modifier's job.
        if (Array.isArray(current) && !/^\d+$/.test(segment.key)) return undefined;
        current = (current as Record<string, unknown>)[segment.key];
        break;
      case 'index': {
        if (!Array.isArray(current)) return undefined;
        const items: unknown[] = current;
        current = items[segment.index < 0 ? items.length + segment.index : segment.index];
        break;
      }
      case 'wildcard': {
        const rest = path.slice(step + 1);
        if (Array.isArray(current)) return (current as unknown[]).map((item) => readPath(item, rest));
        if (current !== null && typeof current === 'object') return Object.values(current).map((item) => readPath(item, rest));
        return undefined;
      }
    }
  }
  return current;
}

function scanQuoted(src: string, start: number, base: number): Result<{ text: string; next: number }> {
  const quote = src[start];
  let text = '';
  let i = start + 1;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '\\' && i + 1 < src.length) {
      text += src[i + 1];
      i += 2;
    } else if (ch === quote) {
      return ok({ text, next: i + 1 });
    } else {
      text += ch;
      i += 1;
    }
  }
  return malformed(`the quoted key starting at ${base + start} is not closed`, base + start);
}

function skipSpaces(src: string, i: number): number {
  let j = i;
  while (src[j] === ' ' || src[j] === '\t') j += 1;
  return j;
}

function malformed(message: string, at: number): { ok: false; error: { code: 'variable.malformed'; message: string; at: number } } {
  return fail({ code: 'variable.malformed', message, at });
}
