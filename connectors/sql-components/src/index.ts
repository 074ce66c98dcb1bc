/**
 * @module @weft/sql-components: the SQL components (Query, Insert/Update/Delete rows, New Row) shared
 * by the PostgreSQL and MySQL connectors; each connector gives its dialect.
 *
 *   export default sqlComponents(postgresDialect);
 */
// Components
export { sqlComponents, MAX_QUERY_ROWS, MAX_BATCH, NEW_ROW_INTERVAL_MS } from './components.ts';
// Dialects
export type { SqlDialect, SqlSession, SqlResult } from './dialect.ts';
// Statements
export { insertStatement, updateStatement, deleteStatement, newRowsStatement, latestRowStatement, quoteTable, checkIdentifier, CURSOR_COLUMNS } from './statements.ts';
export type { Statement, RowCursor, NewRowsQuery } from './statements.ts';
// Pools
export { SessionPool } from './session-pool.ts';
