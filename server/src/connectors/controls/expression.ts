/** @module Expression: evaluates the `{ AND: [ { OR: [ { field, operator, value } ] } ] }` conditions of Condition, Filter and Switch. */
import { z } from 'zod';

export const OPERATORS = ['=', '!=', '>', '>=', '<', '<=', 'contains', 'notContains', 'regex', 'empty', 'notEmpty', 'in'] as const;
export type Operator = (typeof OPERATORS)[number];

// `field` is optional: a variable that resolves to nothing drops out of the stored message, and "empty" must still see it.
export const Clause = z.object({ field: z.unknown().optional(), operator: z.enum(OPERATORS), value: z.unknown().optional() });
export type Clause = z.infer<typeof Clause>;
/** AND of ORs. A bare clause or a bare OR group is accepted too. */
export const Expression = z.union([
  z.object({ AND: z.array(z.object({ OR: z.array(Clause) })) }),
  z.object({ OR: z.array(Clause) }).transform((or) => ({ AND: [or] })),
  Clause.transform((clause) => ({ AND: [{ OR: [clause] }] })),
]);
export type Expression = z.output<typeof Expression>;

export type ExpressionResult = { ok: true; value: boolean } | { ok: false; message: string };

export function evaluateExpression(input: unknown): ExpressionResult {
  const parsed = Expression.safeParse(input);
  if (!parsed.success) {
    return { ok: false, message: `The expression is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'expression'}: ${i.message}`).join('; ')}` };
  }
  try {
    return { ok: true, value: parsed.data.AND.every((group) => group.OR.length === 0 || group.OR.some(evaluateClause)) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/** A number, or a string that is one ("10"); anything else is not numeric. */
function numeric(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isNaN(n) ? undefined : n;
  }
  return undefined;
}

const missing = (value: unknown) => value === undefined || value === null;

/**
 * Orders two values: as numbers when both are numeric ("10" > "9"), else as text. A missing side
 * (a variable that resolved to nothing) or an object is not comparable: every ordering is false, so
 * `age >= 18` never holds for a message without an age.
 */
function compare(a: unknown, b: unknown): number | undefined {
  if (missing(a) || missing(b) || typeof a === 'object' || typeof b === 'object') return undefined;
  const x = numeric(a);
  const y = numeric(b);
  if (x !== undefined && y !== undefined) return x - y;
  return text(a).localeCompare(text(b));
}

function ordered(a: unknown, b: unknown, holds: (order: number) => boolean): boolean {
  const order = compare(a, b);
  return order !== undefined && holds(order);
}

/** Objects and arrays compare and match by their JSON text. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** Equality across types ("10" = 10); missing equals only missing, never the text "undefined". */
function loosely(a: unknown, b: unknown): boolean {
  if (missing(a) || missing(b)) return missing(a) && missing(b);
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return compare(a, b) === 0 || text(a) === text(b);
}

function evaluateClause({ field, operator, value }: Clause): boolean {
  switch (operator) {
    case '=': return loosely(field, value);
    case '!=': return !loosely(field, value);
    case '>': return ordered(field, value, (order) => order > 0);
    case '>=': return ordered(field, value, (order) => order >= 0);
    case '<': return ordered(field, value, (order) => order < 0);
    case '<=': return ordered(field, value, (order) => order <= 0);
    case 'contains': return contains(field, value);
    case 'notContains': return !contains(field, value);
    case 'regex': {
      if (typeof value !== 'string') throw new Error('The regex operator needs a pattern string as its value.');
      const slashed = /^\/(.*)\/([a-z]*)$/s.exec(value);
      return new RegExp(slashed ? slashed[1]! : value, slashed ? slashed[2] : undefined).test(field === undefined || field === null ? '' : text(field));
    }
    case 'empty': return isEmpty(field);
    case 'notEmpty': return !isEmpty(field);
    case 'in': {
      const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',').map((s) => s.trim()) : [value];
      return list.some((item) => loosely(field, item));
    }
  }
}

function contains(field: unknown, value: unknown): boolean {
  if (Array.isArray(field)) return field.some((item) => loosely(item, value));
  if (field === null || field === undefined) return false;
  return text(field).includes(text(value));
}
