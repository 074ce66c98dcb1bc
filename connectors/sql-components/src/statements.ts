/**
 * @module SQL statements: builds the INSERT/UPDATE/DELETE and New Row statements from a table name,
 * column names and values. Identifiers are quoted by the dialect; values only ever travel as
 * parameters, never inside the SQL text.
 */
import { WeftError } from '@weft/connector-kit';
import type { SqlDialect } from './dialect.ts';

export interface Statement {
  sql: string;
  params: unknown[];
}

function invalid(path: string, message: string): WeftError {
  return new WeftError('sql.invalid', message, { status: 422, path, retry: 'never' });
}

const MAX_IDENTIFIER = 128;

/** Check one identifier (a column, a table, a schema) before the dialect quotes it. */
export function checkIdentifier(name: unknown, path: string): string {
  if (typeof name !== 'string' || name.trim() === '') throw invalid(path, `${path}: give a name.`);
  if (name.length > MAX_IDENTIFIER) throw invalid(path, `${path}: "${name.slice(0, 40)}…" is longer than ${MAX_IDENTIFIER} characters.`);
  if (name.includes('\0')) throw invalid(path, `${path}: a name cannot hold a NUL character.`);
  return name;
}

/** `table` or `schema.table`, each part quoted. */
export function quoteTable(dialect: SqlDialect, table: unknown, path = 'properties.table'): string {
  checkIdentifier(table, path);
  const parts = (table as string).split('.');
  if (parts.length > 2) throw invalid(path, `${path}: use "table" or "schema.table" (a name with a dot in it is not supported).`);
  return parts.map((part) => dialect.quoteIdentifier(checkIdentifier(part, path))).join('.');
}

/** The fields of a mapped object (`values`, `where`), checked: a plain object with at least one field. */
export function columnsOf(value: unknown, path: string, what: string): [string, unknown][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(path, `${path}: map an object of ${what} (column → value).`);
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) throw invalid(path, `${path}: map at least one column.`);
  for (const [column] of entries) checkIdentifier(column, `${path}.${column}`);
  return entries;
}

class Params {
  readonly values: unknown[] = [];
  constructor(private readonly dialect: SqlDialect) {}
  add(value: unknown): string {
    this.values.push(value);
    return this.dialect.placeholder(this.values.length);
  }
}

/** `a = $1 AND b IS NULL AND c IN ($2, $3)`: equality on every field of `where` (never empty). */
function whereClause(dialect: SqlDialect, where: unknown, params: Params): string {
  return columnsOf(where, 'in.where', 'conditions')
    .map(([column, value]) => {
      const quoted = dialect.quoteIdentifier(column);
      if (value === null) return `${quoted} IS NULL`;
      if (Array.isArray(value)) {
        if (value.length === 0) throw invalid(`in.where.${column}`, `in.where.${column}: an empty list matches no row; give at least one value.`);
        return `${quoted} IN (${value.map((item) => params.add(item)).join(', ')})`;
      }
      return `${quoted} = ${params.add(value)}`;
    })
    .join(' AND ');
}

export function insertStatement(dialect: SqlDialect, table: unknown, values: unknown): Statement {
  const params = new Params(dialect);
  const entries = columnsOf(values, 'in.values', 'values');
  const sql = `INSERT INTO ${quoteTable(dialect, table)} (${entries.map(([column]) => dialect.quoteIdentifier(column)).join(', ')}) VALUES (${entries.map(([, value]) => params.add(value)).join(', ')})${dialect.returning ? ' RETURNING *' : ''}`;
  return { sql, params: params.values };
}

export function updateStatement(dialect: SqlDialect, table: unknown, values: unknown, where: unknown): Statement {
  const params = new Params(dialect);
  const quotedTable = quoteTable(dialect, table);
  const set = columnsOf(values, 'in.values', 'values').map(([column, value]) => `${dialect.quoteIdentifier(column)} = ${params.add(value)}`).join(', ');
  const sql = `UPDATE ${quotedTable} SET ${set} WHERE ${whereClause(dialect, where, params)}`;
  return { sql, params: params.values };
}

export function deleteStatement(dialect: SqlDialect, table: unknown, where: unknown): Statement {
  const params = new Params(dialect);
  const sql = `DELETE FROM ${quoteTable(dialect, table)} WHERE ${whereClause(dialect, where, params)}`;
  return { sql, params: params.values };
}

/** Where the New Row trigger stands: the order column's and the key column's values, as the database wrote them as text. */
export interface RowCursor {
  order: string;
  key: string;
}

/** Names of the two columns New Row adds to each row it reads, then removes. */
export const CURSOR_COLUMNS = { order: '__weft_order', key: '__weft_key' } as const;

export interface NewRowsQuery {
  table: unknown;
  orderColumn: unknown;
  /** A unique column that orders rows of equal `orderColumn`; the same as `orderColumn` when that is unique. */
  keyColumn: unknown;
  /** Rows after this point; all rows when undefined. */
  after: RowCursor | undefined;
  limit: number;
}

/** The next rows after the cursor, in (order, key) order, with their cursor values as text. */
export function newRowsStatement(dialect: SqlDialect, query: NewRowsQuery): Statement {
  const params = new Params(dialect);
  const table = quoteTable(dialect, query.table);
  const order = `t.${dialect.quoteIdentifier(checkIdentifier(query.orderColumn, 'properties.orderColumn'))}`;
  const key = `t.${dialect.quoteIdentifier(checkIdentifier(query.keyColumn, 'properties.keyColumn'))}`;
  const single = query.orderColumn === query.keyColumn;
  let where = '';
  if (query.after) {
    where = single
      ? ` WHERE ${order} > ${params.add(query.after.order)}`
      // (order, key) > (a, b), spelt out: MySQL does not use an index for row comparisons.
      : ` WHERE (${order} > ${params.add(query.after.order)} OR (${order} = ${params.add(query.after.order)} AND ${key} > ${params.add(query.after.key)}))`;
  }
  const columns = `t.*, ${dialect.asText(order)} AS ${dialect.quoteIdentifier(CURSOR_COLUMNS.order)}, ${dialect.asText(key)} AS ${dialect.quoteIdentifier(CURSOR_COLUMNS.key)}`;
  const sql = `SELECT ${columns} FROM ${table} t${where} ORDER BY ${order}${single ? '' : `, ${key}`} LIMIT ${Math.max(1, Math.trunc(query.limit))}`;
  return { sql, params: params.values };
}

/** The cursor of the last row now in the table (where "only new rows" starts), or none when it is empty. */
export function latestRowStatement(dialect: SqlDialect, query: Pick<NewRowsQuery, 'table' | 'orderColumn' | 'keyColumn'>): Statement {
  const table = quoteTable(dialect, query.table);
  const order = dialect.quoteIdentifier(checkIdentifier(query.orderColumn, 'properties.orderColumn'));
  const key = dialect.quoteIdentifier(checkIdentifier(query.keyColumn, 'properties.keyColumn'));
  const single = query.orderColumn === query.keyColumn;
  return {
    sql: `SELECT ${dialect.asText(order)} AS ${dialect.quoteIdentifier(CURSOR_COLUMNS.order)}, ${dialect.asText(key)} AS ${dialect.quoteIdentifier(CURSOR_COLUMNS.key)} FROM ${table} ORDER BY ${order} DESC${single ? '' : `, ${key} DESC`} LIMIT 1`,
    params: [],
  };
}
