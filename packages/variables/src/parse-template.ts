/** @module Template parser: splits text into literal parts and `{{{…}}}` variable references. */
import { MAX_ARGUMENT_DEPTH } from './nesting-limits.ts';
import { scanPath } from './path.ts';
import { fail, ok, type Result, type VariableError } from './result.ts';
import type { ModifierCall, PathSegment, TemplatePart } from './variable-ref.ts';

const OPEN = '{{{';
const CLOSE = '}}}';
const NAME = /^[A-Za-z0-9_-]+/;
const MODIFIER_NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Parse a template; the first malformed placeholder fails the whole template, with its offset. */
export function parseTemplate(text: string): Result<TemplatePart[]> {
  const parts: TemplatePart[] = [];
  let cursor = 0;
  while (cursor < text.length) {
    const start = text.indexOf(OPEN, cursor);
    if (start === -1) {
      parts.push({ kind: 'text', text: text.slice(cursor) });
      break;
    }
    if (start > cursor) parts.push({ kind: 'text', text: text.slice(cursor, start) });
    const close = findClose(text, start);
    if (!close.ok) return close;
    const raw = text.slice(start + OPEN.length, close.value);
    const expression = parseExpression(raw, start + OPEN.length);
    if (!expression.ok) return expression;
    const end = close.value + CLOSE.length;
    // Named fields, not `{ ...expression.value, raw, start, end }`: V8 builds a spread copy ~8× slower.
    const { componentId, port, path, modifiers } = expression.value;
    parts.push({ kind: 'variable', ref: { componentId, port, path, modifiers, raw, start, end } });
    cursor = end;
  }
  return ok(parts);
}

/** Find the `}}}` that closes the placeholder opened at `start`, skipping braces inside quotes and
 * inside `( … )`, where JSON arguments may hold `}}}`. */
function findClose(text: string, start: number): Result<number> {
  let depth = 0;
  let quote: string | undefined;
  for (let i = start + OPEN.length; i < text.length; i++) {
    const ch = text[i];
    if (quote !== undefined) {
      if (ch === '\\') i += 1;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (depth === 0 && text.startsWith(CLOSE, i)) return ok(i);
    else if (ch === '(') depth += 1;
    else if (ch === ')' && depth > 0) depth -= 1;
  }
  return malformed(`the placeholder opened at ${start} is not closed with "}}}"`, start);
}

interface Expression {
  componentId: string;
  port: string;
  path: PathSegment[];
  modifiers: ModifierCall[];
}

/** `$.<componentId>.<port><path> | name(args) | …` with offsets reported relative to the template. */
function parseExpression(src: string, base: number): Result<Expression> {
  let i = skipWhitespace(src, 0);
  if (src[i] !== '$') return malformed('a variable starts with "$.", as in "$.componentId.port.path"', base + i);
  i += 1;
  if (src[i] !== '.') return malformed('expected "." after "$"', base + i);
  i += 1;
  const componentId = NAME.exec(src.slice(i))?.[0];
  if (componentId === undefined) return malformed('expected a component id (letters, digits, "_" or "-") after "$."', base + i);
  i += componentId.length;
  if (src[i] !== '.') return malformed(`expected "." and an output port after "$.${componentId}"`, base + i);
  i += 1;
  const port = NAME.exec(src.slice(i))?.[0];
  if (port === undefined) return malformed(`expected an output port name after "$.${componentId}."`, base + i);
  i += port.length;
  const scanned = scanPath(src, i, base);
  if (!scanned.ok) return scanned;
  i = skipWhitespace(src, scanned.value.next);

  const modifiers: ModifierCall[] = [];
  while (src[i] === '|') {
    i = skipWhitespace(src, i + 1);
    const name = MODIFIER_NAME.exec(src.slice(i))?.[0];
    if (name === undefined) return malformed('expected a modifier name after "|"', base + i);
    i = skipWhitespace(src, i + name.length);
    let args: unknown[] = [];
    if (src[i] === '(') {
      const parsed = parseArgs(src, i, base, name);
      if (!parsed.ok) return parsed;
      args = parsed.value.args;
      i = skipWhitespace(src, parsed.value.next);
    }
    modifiers.push({ name, args });
  }
  if (i < src.length) {
    return malformed(`unexpected "${src[i] ?? ''}"; expected "|" and a modifier, or "}}}"`, base + i);
  }
  return ok({ componentId, port, path: scanned.value.path, modifiers });
}

/** Arguments are JSON literals separated by commas: `("n/a")`, `(2, "up")`, `(["a", "b"])`. */
function parseArgs(src: string, open: number, base: number, modifier: string): Result<{ args: unknown[]; next: number }> {
  let depth = 0;
  let inString = false;
  for (let i = open + 1; i < src.length; i++) {
    const ch = src[i];
    if (inString) {
      if (ch === '\\') i += 1;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      depth += 1;
      if (depth > MAX_ARGUMENT_DEPTH) {
        return fail({ code: 'variable.too_deep', message: `the arguments of "${modifier}" nest arrays and objects more than ${MAX_ARGUMENT_DEPTH} levels deep`, at: base + i, modifier });
      }
    } else if (ch === ']' || ch === '}') depth -= 1;
    else if (ch === ')' && depth === 0) {
      const inner = src.slice(open + 1, i);
      if (inner.trim() === '') return ok({ args: [], next: i + 1 });
      try {
        const args: unknown = JSON.parse(`[${inner}]`);
        return ok({ args: args as unknown[], next: i + 1 });
      } catch {
        return fail({
          code: 'variable.malformed',
          message: `the arguments of "${modifier}" are not JSON literals (strings in double quotes, numbers, true, false, null, arrays, objects)`,
          at: base + open + 1,
          modifier,
        });
      }
    }
  }
  return fail({ code: 'variable.malformed', message: `the arguments of "${modifier}" are not closed with ")"`, at: base + open, modifier });
}

function skipWhitespace(src: string, i: number): number {
  let j = i;
  while (j < src.length && /\s/.test(src[j] ?? '')) j += 1;
  return j;
}

function malformed(message: string, at: number): { ok: false; error: VariableError } {
  return fail({ code: 'variable.malformed', message, at });
}
