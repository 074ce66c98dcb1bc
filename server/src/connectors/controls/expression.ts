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

/** Numbers compare as numbers when both sides look numeric ("10" > "9"); otherwise as strings. */
function compare(a: unknown, b: unknown): number {
  const x = Number(a);
  const y = Number(b);
  if (a !== '' && b !== '' && a !== null && b !== null && !Number.isNaN(x) && !Number.isNaN(y)) return x - y;
  return text(a).localeCompare(text(b));
}

/** Objects and arrays compare and match by their JSON text. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

function loosely(a: unknown, b: unknown): boolean {
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return compare(a, b) === 0 || text(a) === text(b);
}

function evaluateClause({ field, operator, value }: Clause): boolean {
  switch (operator) {
    case '=': return loosely(field, value);
    case '!=': return !loosely(field, value);
    case '>': return compare(field, value) > 0;
    case '>=': return compare(field, value) >= 0;
    case '<': return compare(field, value) < 0;
    case '<=': return compare(field, value) <= 0;
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
