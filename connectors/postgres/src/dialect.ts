/** @module PostgreSQL dialect: `pg` pools, `$n` placeholders, "quoted" identifiers, and errors people understand. */
import pg from 'pg';
import Cursor from 'pg-cursor';
import { WeftError } from '@weft/connector-kit';
import type { SqlDialect, SqlResult, SqlSession } from '@weft/sql-components';

const CONNECT_TIMEOUT_MS = 10_000;

function port(value: string | undefined, fallback: number): number {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 && number < 65536 ? number : fallback;
}

/** One account's pool. Rows are read through a cursor, so a huge answer stops at `maxRows + 1`. */
class PostgresSession implements SqlSession {
  readonly #pool: pg.Pool;

  constructor(fields: Readonly<Record<string, string>>) {
    this.#pool = new pg.Pool({
      host: fields.host,
      port: port(fields.port, 5432),
      database: fields.database,
      user: fields.user,
      ...(fields.password ? { password: fields.password } : {}),
      ...(fields.ssl === 'true' ? { ssl: { rejectUnauthorized: true } } : {}),
      max: 5,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      allowExitOnIdle: true,
      application_name: 'weft',
    });
    // A connection dropped while idle must not crash the engine; the next query reconnects.
    this.#pool.on('error', () => undefined);
  }

  async query(sql: string, params: readonly unknown[], maxRows: number): Promise<SqlResult> {
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      const cursor = client.query(new Cursor(sql, [...params]));
      const { rows, rowCount } = await new Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>((resolve, reject) => {
        cursor.read(maxRows + 1, (error, rows, result) => (error ? reject(error) : resolve({ rows: rows as Record<string, unknown>[], rowCount: result.rowCount })));
      });
      await cursor.close();
      if (rows.length > maxRows) {
        throw new WeftError('sql.too_many_rows', `The statement returned more than ${maxRows} rows; add a LIMIT, or raise "Max rows".`, { status: 422, path: 'properties.maxRows', retry: 'never' });
      }
      return { rows, rowCount: rowCount ?? rows.length };
    } catch (error) {
      if (!(error instanceof WeftError)) broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      // A client whose statement failed goes back only if the connection is still sound.
      client.release(broken && !('code' in broken && typeof broken.code === 'string' && /^[0-9A-Z]{5}$/.test(broken.code)) ? broken : undefined);
    }
  }

  end(): Promise<void> {
    return this.#pool.end();
  }
}

/** SQLSTATE → what to tell people, and whether trying again can help. */
const SQLSTATES: Record<string, { code: string; retry: 'retry' | 'never'; say: (message: string) => string }> = {
  '28P01': { code: 'sql.auth_failed', retry: 'never', say: () => 'PostgreSQL refused the user name or password of the account; fix them under Accounts.' },
  '28000': { code: 'sql.auth_failed', retry: 'never', say: (m) => `PostgreSQL refused the connection for this account (${m}); check the user and the server's pg_hba.conf.` },
  '3D000': { code: 'sql.unknown_database', retry: 'never', say: (m) => `${m}: check the database name of the account.` },
  '42P01': { code: 'sql.unknown_table', retry: 'never', say: (m) => `${m}: check the table name (and its schema).` },
  '42703': { code: 'sql.unknown_column', retry: 'never', say: (m) => `${m}: check the column names.` },
  '42601': { code: 'sql.syntax', retry: 'never', say: (m) => `The SQL has a syntax error: ${m}.` },
  '42501': { code: 'sql.permission_denied', retry: 'never', say: (m) => `${m}: the account's user may not do this.` },
  '23505': { code: 'sql.constraint', retry: 'never', say: (m) => `A row with this unique value exists already: ${m}.` },
  '23502': { code: 'sql.constraint', retry: 'never', say: (m) => `A required column has no value: ${m}.` },
  '23503': { code: 'sql.constraint', retry: 'never', say: (m) => `A referenced row does not exist: ${m}.` },
  '23514': { code: 'sql.constraint', retry: 'never', say: (m) => `A check constraint failed: ${m}.` },
  '22P02': { code: 'sql.invalid_value', retry: 'never', say: (m) => `A value does not fit its column: ${m}.` },
  '08P01': { code: 'sql.invalid_value', retry: 'never', say: (m) => `PostgreSQL refused the statement: ${m}.` },
  '57P01': { code: 'sql.unavailable', retry: 'retry', say: () => 'PostgreSQL is shutting down; trying again later.' },
  '53300': { code: 'sql.unavailable', retry: 'retry', say: () => 'PostgreSQL has too many connections; trying again later.' },
  '40001': { code: 'sql.conflict', retry: 'retry', say: (m) => `A concurrent transaction conflicted: ${m}; trying again.` },
  '40P01': { code: 'sql.conflict', retry: 'retry', say: (m) => `A deadlock was broken: ${m}; trying again.` },
};

function describeError(error: unknown): WeftError {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : String(error);
  const known = typeof code === 'string' ? SQLSTATES[code] : undefined;
  if (known) return new WeftError(known.code, known.say(text), { status: known.retry === 'never' ? 422 : 503, retry: known.retry, cause: error });
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT' || code === 'ECONNRESET' || /timeout/i.test(text)) {
    return new WeftError('sql.unreachable', `Cannot reach the PostgreSQL server of the account (${text}); trying again later.`, { status: 503, retry: 'retry', cause: error });
  }
  // Anything else the server said is about the statement; anything the driver said may pass.
  return new WeftError('sql.error', `PostgreSQL: ${text}`, { status: typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? 422 : 500, retry: typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? 'never' : 'retry', cause: error });
}

export const postgresDialect: SqlDialect = {
  connector: 'weft.postgres',
  label: 'PostgreSQL',
  quoteIdentifier: (name) => `"${name.replaceAll('"', '""')}"`,
  placeholder: (index) => `$${index}`,
  returning: true,
  asText: (column) => `(${column})::text`,
  connect: (fields) => new PostgresSession(fields),
  describeError,
};
