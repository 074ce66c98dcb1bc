/** @module SQL dialect: what differs between the databases the SQL components talk to. */
import type { WeftError } from '@weft/connector-kit';

/** Rows a statement answered with (at most the caller's `maxRows`), and how many rows it touched. */
export interface SqlResult {
  rows: Record<string, unknown>[];
  /** Rows returned by a query, or affected by an INSERT/UPDATE/DELETE. */
  rowCount: number;
  /** MySQL's AUTO_INCREMENT id of an INSERT. */
  insertId?: number | string | undefined;
}

/** A pool of connections of one account. */
export interface SqlSession {
  /**
   * Run `sql` with `params` bound to its placeholders (never interpolated). Rejects with
   * `sql.too_many_rows` as soon as more than `maxRows` rows arrive, without reading the rest.
   */
  query(sql: string, params: readonly unknown[], maxRows: number): Promise<SqlResult>;
  end(): Promise<void>;
}

export interface SqlDialect {
  /** `vendor.app` of the connector: the components are `<connector>.Query` … */
  connector: string;
  /** The database's name for people: "PostgreSQL". */
  label: string;
  /** A quoted identifier: `"a""b"` / `` `a``b` ``. */
  quoteIdentifier(name: string): string;
  /** The placeholder of the `index`-th parameter (1-based): `$1` / `?`. */
  placeholder(index: number): string;
  /** `INSERT … RETURNING *` works (PostgreSQL): Insert Row answers with the row as stored. */
  returning: boolean;
  /** An expression giving the exact value of a column as text, for the New Row cursor. */
  asText(quotedColumn: string): string;
  /** A new pool for the account's fields (`host`, `port`, `database`, `user`, `password`, `ssl`). */
  connect(fields: Readonly<Record<string, string>>): SqlSession;
  /** The driver's error as a WeftError a person understands, saying whether a retry can help. */
  describeError(error: unknown): WeftError;
}
