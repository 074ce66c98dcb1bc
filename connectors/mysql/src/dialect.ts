/** @module MySQL / MariaDB dialect: `mysql2` pools, `?` placeholders, `quoted` identifiers, and errors people understand. */
import mysql from 'mysql2';
import { WeftError } from '@weft/connector-kit';
import { connectionFields, type SqlDialect, type SqlResult, type SqlSession } from '@weft/sql-components';

const CONNECT_TIMEOUT_MS = 10_000;


/**
 * mysql2 expands an object parameter into `key = value` pairs and an array into a list: a mapped
 * JSON value must reach the database as JSON text instead.
 */
function toParam(value: unknown): unknown {
  if (value === null || value instanceof Date || Buffer.isBuffer(value) || typeof value !== 'object') return value;
  return JSON.stringify(value);
}

function tooManyRows(maxRows: number): WeftError {
  return new WeftError('sql.too_many_rows', `The statement returned more than ${maxRows} rows; add a LIMIT, or raise "Max rows".`, { status: 422, path: 'properties.maxRows', retry: 'never' });
}

/** One account's pool. Rows are streamed, so a huge answer stops at `maxRows + 1` (the connection is dropped). */
class MysqlSession implements SqlSession {
  readonly #pool: mysql.Pool;

  constructor(fields: Readonly<Record<string, string>>) {
    this.#pool = mysql.createPool({
      ...connectionFields(fields, 3306),
      connectionLimit: 5,
      maxIdle: 1,
      idleTimeout: 30_000,
      connectTimeout: CONNECT_TIMEOUT_MS,
      // Exact values: times in UTC, big integers and decimals as text.
      timezone: 'Z',
      supportBigNumbers: true,
      bigNumberStrings: true,
      multipleStatements: false,
    });
    // A connection dropped while idle must not crash the engine; the next query reconnects.
    this.#pool.on('connection', (connection) => connection.on('error', () => undefined));
  }

  query(sql: string, params: readonly unknown[], maxRows: number): Promise<SqlResult> {
    return new Promise((resolve, reject) => {
      this.#pool.getConnection((connectError, connection) => {
        if (connectError) {
          reject(connectError);
          return;
        }
        const rows: Record<string, unknown>[] = [];
        let header: { affectedRows?: number; insertId?: number | string } | undefined;
        let settled = false;
        const settle = (error: unknown, result?: SqlResult) => {
          if (settled) return;
          settled = true;
          if (error) reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
          else resolve(result!);
        };
        const query = connection.query({ sql, values: params.map(toParam) });
        query.on('result', (row: unknown) => {
          if (settled) return;
          if (Array.isArray(row) || (row && typeof row === 'object' && 'affectedRows' in row && 'fieldCount' in row)) {
            header = row as typeof header;
            return;
          }
          rows.push(row as Record<string, unknown>);
          if (rows.length > maxRows) {
            // Stop reading: the rest of the answer dies with this connection, not in memory.
            connection.destroy();
            settle(tooManyRows(maxRows));
          }
        });
        query.on('error', (error: Error) => {
          connection.release();
          settle(error);
        });
        query.on('end', () => {
          if (settled) return;
          connection.release();
          settle(undefined, {
            rows,
            rowCount: header?.affectedRows ?? rows.length,
            ...(header?.insertId ? { insertId: header.insertId } : {}),
          });
        });
      });
    });
  }

  end(): Promise<void> {
    return new Promise((resolve) => this.#pool.end(() => resolve()));
  }
}

/** mysql2 error codes → what to tell people, and whether trying again can help. */
const ERRORS: Record<string, { code: string; retry: 'retry' | 'never'; say: (message: string) => string }> = {
  ER_ACCESS_DENIED_ERROR: { code: 'sql.auth_failed', retry: 'never', say: () => 'The database refused the user name or password of the account; fix them under Accounts.' },
  ER_DBACCESS_DENIED_ERROR: { code: 'sql.auth_failed', retry: 'never', say: (m) => `${m}: the account's user may not use this database.` },
  ER_BAD_DB_ERROR: { code: 'sql.unknown_database', retry: 'never', say: (m) => `${m}: check the database name of the account.` },
  ER_NO_SUCH_TABLE: { code: 'sql.unknown_table', retry: 'never', say: (m) => `${m}: check the table name.` },
  ER_BAD_FIELD_ERROR: { code: 'sql.unknown_column', retry: 'never', say: (m) => `${m}: check the column names.` },
  ER_PARSE_ERROR: { code: 'sql.syntax', retry: 'never', say: (m) => `The SQL has a syntax error: ${m}.` },
  ER_EMPTY_QUERY: { code: 'sql.syntax', retry: 'never', say: () => 'The SQL is empty.' },
  ER_TABLEACCESS_DENIED_ERROR: { code: 'sql.permission_denied', retry: 'never', say: (m) => `${m}: the account's user may not do this.` },
  ER_DUP_ENTRY: { code: 'sql.constraint', retry: 'never', say: (m) => `A row with this unique value exists already: ${m}.` },
  ER_BAD_NULL_ERROR: { code: 'sql.constraint', retry: 'never', say: (m) => `A required column has no value: ${m}.` },
  ER_NO_DEFAULT_FOR_FIELD: { code: 'sql.constraint', retry: 'never', say: (m) => `A required column has no value: ${m}.` },
  ER_NO_REFERENCED_ROW_2: { code: 'sql.constraint', retry: 'never', say: (m) => `A referenced row does not exist: ${m}.` },
  ER_TRUNCATED_WRONG_VALUE_FOR_FIELD: { code: 'sql.invalid_value', retry: 'never', say: (m) => `A value does not fit its column: ${m}.` },
  ER_LOCK_DEADLOCK: { code: 'sql.conflict', retry: 'retry', say: (m) => `A deadlock was broken: ${m}; trying again.` },
  ER_LOCK_WAIT_TIMEOUT: { code: 'sql.conflict', retry: 'retry', say: (m) => `${m}; trying again.` },
  ER_CON_COUNT_ERROR: { code: 'sql.unavailable', retry: 'retry', say: () => 'The database has too many connections; trying again later.' },
};

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT']);

function describeError(error: unknown): WeftError {
  const { code, message, sqlMessage, sqlState } = (error ?? {}) as { code?: unknown; message?: unknown; sqlMessage?: unknown; sqlState?: unknown };
  const text = typeof sqlMessage === 'string' ? sqlMessage : typeof message === 'string' ? message : String(error);
  const known = typeof code === 'string' ? ERRORS[code] : undefined;
  if (known) return new WeftError(known.code, known.say(text), { status: known.retry === 'never' ? 422 : 503, retry: known.retry, cause: error });
  if ((typeof code === 'string' && UNREACHABLE.has(code)) || /timeout/i.test(text)) {
    return new WeftError('sql.unreachable', `Cannot reach the MySQL server of the account (${text}); trying again later.`, { status: 503, retry: 'retry', cause: error });
  }
  // The server answered with an error about the statement: the same statement fails again.
  const fromServer = typeof sqlState === 'string';
  return new WeftError('sql.error', `MySQL: ${text}`, { status: fromServer ? 422 : 500, retry: fromServer ? 'never' : 'retry', cause: error });
}

export const mysqlDialect: SqlDialect = {
  connector: 'weft.mysql',
  label: 'MySQL',
  quoteIdentifier: (name) => `\`${name.replaceAll('`', '``')}\``,
  placeholder: () => '?',
  returning: false,
  asText: (column) => `CAST(${column} AS CHAR)`,
  connect: (fields) => new MysqlSession(fields),
  describeError,
};
