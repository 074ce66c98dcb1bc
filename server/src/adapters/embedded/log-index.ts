/**
 * @module EmbeddedLogIndex: the LogIndex port on a SQLite table plus an FTS5 index for search,
 * with keyset paging on (time, id) and histograms by integer division of the time, read from
 * per-hour counts (`log_hours`) when the bucket is whole hours and the filters are ones it keeps.
 *
 * Schema by numbered migrations (scope `logs`, migrations.ts): 1 the keyed records, search index,
 * run history and indexes (upgrading a v1 `log_records` file in place); 2 the per-hour counts,
 * back-filled from the records already there.
 */
import { WeftError } from '@weft/connector-kit';
import { scopeOwners } from '../../ports/log-index.ts';
import type { HistogramBucket, LogDirection, LogIndex, LogPage, LogQuery, LogRecord, LogSeverity, RunPage, RunQuery, RunSummary } from '../../ports/log-index.ts';
import { foldBatch, publicRun, type RunState } from '../../ports/run-summary.ts';
import { migrate, type Migration } from './migrations.ts';
import { resolveDatabase, type DatabaseSource, type SqliteDatabase } from './open-database.ts';

export type EmbeddedLogIndexOptions = DatabaseSource & {
  /** The records a full-text page reads in its window (below); tests set a few to cross its edges with few records. */
  searchWindowRecords?: number;
};

/**
 * A full-text page first reads the newest (or oldest) window of time holding about this many
 * records that pass the other filters, asking the search index only for the seqs they span: a
 * common word no longer has every matching seq gathered and sorted into a temporary index before
 * the first record is read (at 10 M records, ~1 M for "invoice"). FTS5 still merges every
 * doclist of the word's prefix to answer even a narrow rowid range, so a page still grows with
 * the matches, at about half the cost (bench/README.md). A page the window does not fill (a rare
 * word, or filters that leave few records) reads the rest of the range in one query, as every
 * search did before: cheap when the matches are few.
 */
const SEARCH_WINDOW_RECORDS = 4096;

/**
 * Records live in `log_entries`: the strings a run repeats on every record (user, flow, component,
 * component type, port) are integer keys into `log_names`, direction and severity small integers,
 * so a record costs its id, correlation and message ids, payload and a few bytes (v1 kept every
 * string in full in the row and again in each index: ~4.1 KB a webhook → Set → Response run).
 * Every filter the insights widget offers has an index of its own, so a filter that matches
 * nothing is a lookup, not a scan. A v1 file (`log_records`) is upgraded in place when opened.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS log_names (key INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
  CREATE TABLE IF NOT EXISTS log_entries (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    time INTEGER NOT NULL,
    user_key INTEGER NOT NULL,
    flow_key INTEGER NOT NULL,
    component_key INTEGER NOT NULL,
    type_key INTEGER NOT NULL,
    port_key INTEGER NOT NULL,
    direction INTEGER NOT NULL,
    severity INTEGER NOT NULL,
    correlation_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    truncated INTEGER NOT NULL,
    duration_ms REAL,
    error_code TEXT,
    error_message TEXT
  );
  -- Contentless: the text lives in log_entries; the index keeps only tokens, keyed by seq.
  CREATE VIRTUAL TABLE IF NOT EXISTS log_search USING fts5 (payload, error, component, content = '', contentless_delete = 1);
  -- Run history: one row per run, folded from its records in the batch that appends them
  -- (run-summary.ts). A file from before run history gets the table empty; older runs are not back-filled.
  CREATE TABLE IF NOT EXISTS runs (
    user_id TEXT NOT NULL,
    correlation_id TEXT NOT NULL,
    flow_id TEXT NOT NULL,
    status TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    last_at INTEGER NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY (user_id, correlation_id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS runs_user_started ON runs (user_id, started_at, correlation_id);
  CREATE INDEX IF NOT EXISTS runs_user_flow_started ON runs (user_id, flow_id, started_at, correlation_id);
  CREATE INDEX IF NOT EXISTS runs_last_at ON runs (last_at);
`;

/**
 * Every query is one user's, newest or oldest first; each filter the widget offers narrows it
 * through its own index. Each index ends with the rowid (seq), the paging tie-breaker; integer
 * keys keep every entry a few bytes. Created after an upgrade's copy (a bulk build, not inserts).
 */
const INDEXES = `
  CREATE INDEX IF NOT EXISTS log_entries_user_time ON log_entries (user_key, time);
  CREATE INDEX IF NOT EXISTS log_entries_user_flow_time ON log_entries (user_key, flow_key, time);
  CREATE INDEX IF NOT EXISTS log_entries_user_component_time ON log_entries (user_key, component_key, time);
  CREATE INDEX IF NOT EXISTS log_entries_user_severity_time ON log_entries (user_key, severity, time);
  CREATE INDEX IF NOT EXISTS log_entries_user_direction_time ON log_entries (user_key, direction, time);
  CREATE INDEX IF NOT EXISTS log_entries_user_correlation ON log_entries (user_key, correlation_id);
  -- Retention. Times grow as records arrive, so this one only ever appends at its right edge.
  CREATE INDEX IF NOT EXISTS log_entries_time ON log_entries (time);
`;

const DIRECTIONS: readonly LogDirection[] = ['in', 'out', 'error', 'log'];
const SEVERITIES: readonly LogSeverity[] = ['info', 'warn', 'error'];
/** Unknown text reads as v1 read it: direction 'out', severity 'info'. */
const sqlCodes = (column: string, values: readonly string[], fallback: string) =>
  `CASE ${column} ${values.map((value, code) => `WHEN '${value}' THEN ${code}`).join(' ')} ELSE ${values.indexOf(fallback)} END`;

/**
 * v1 → v2 in place, inside migration 1's immediate transaction (a second process opening the same
 * file waits, then finds nothing left to do). Sequence numbers are kept, so the search index stays valid.
 */
function upgradeV1(db: SqliteDatabase): void {
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'log_records'").get() === undefined) return;
  db.exec(`
    INSERT OR IGNORE INTO log_names (name)
      SELECT user_id FROM log_records UNION SELECT flow_id FROM log_records UNION SELECT component_id FROM log_records
      UNION SELECT component_type FROM log_records UNION SELECT port FROM log_records;
    INSERT INTO log_entries (seq, id, time, user_key, flow_key, component_key, type_key, port_key, direction, severity,
        correlation_id, message_id, payload, truncated, duration_ms, error_code, error_message)
      SELECT r.seq, r.id, r.time, u.key, f.key, c.key, t.key, p.key, ${sqlCodes('r.direction', DIRECTIONS, 'out')}, ${sqlCodes('r.severity', SEVERITIES, 'info')},
        r.correlation_id, r.message_id, r.payload, r.truncated, r.duration_ms, r.error_code, r.error_message
      FROM log_records r
        JOIN log_names u ON u.name = r.user_id JOIN log_names f ON f.name = r.flow_id JOIN log_names c ON c.name = r.component_id
        JOIN log_names t ON t.name = r.component_type JOIN log_names p ON p.name = r.port;
    DROP TABLE log_records;
  `);
}

const HOUR_MS = 3_600_000;

/**
 * Records per user, hour (`floor(time / 1 h)`), flow, component, direction and severity: what a histogram of
 * whole-hour buckets reads instead of counting the records (a week's unfiltered hourly histogram
 * counted every record of the week: p95 407 ms at 10 M records, `--scenario big-logs`). Kept in the
 * append's transaction, one upsert per distinct key a batch touches; retention subtracts what it
 * deletes. Every filter of the insights widget but a correlation id (a run's few records) and full
 * text is a key here; those histograms, and a message id's, count the records as before. Migration 2
 * back-fills it with one GROUP BY over every record, holding the write lock while it runs.
 */
const HOURS = `
  CREATE TABLE IF NOT EXISTS log_hours (
    user_key INTEGER NOT NULL,
    hour INTEGER NOT NULL,
    flow_key INTEGER NOT NULL,
    component_key INTEGER NOT NULL,
    direction INTEGER NOT NULL,
    severity INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (user_key, hour, flow_key, component_key, direction, severity)
  ) WITHOUT ROWID;
`;

/** Append, never edit or renumber (migrations.ts). Every step is idempotent: a file from before the numbering runs them all. */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'keyed log entries, search index, run history',
    up: (db) => {
      db.exec(SCHEMA);
      upgradeV1(db);
      db.exec(INDEXES);
    },
  },
  {
    version: 2,
    name: 'per-hour counts for histograms',
    up: (db) => {
      db.exec(HOURS);
      db.exec(`
        DELETE FROM log_hours;
        INSERT INTO log_hours (user_key, hour, flow_key, component_key, direction, severity, count)
          SELECT user_key, CAST(floor(time / ${HOUR_MS}.0) AS INTEGER), flow_key, component_key, direction, severity, count(*)
          FROM log_entries GROUP BY 1, 2, 3, 4, 5, 6;
      `);
    },
  },
];

interface LogRow {
  seq: number;
  id: string;
  time: number;
  user_key: number;
  flow_key: number;
  component_key: number;
  type_key: number;
  port_key: number;
  direction: number;
  severity: number;
  correlation_id: string;
  message_id: string;
  payload: string;
  truncated: number;
  duration_ms: number | null;
  error_code: string | null;
  error_message: string | null;
}

type SqlValue = string | number | null;

const WAL_CHECKPOINT_PAGES = 10_000;
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;
const MAX_RUN_LIMIT = 200;
/** Above this many buckets a histogram is one GROUP BY rather than a count per bucket. */
const MAX_COUNTED_BUCKETS = 2000;

export class EmbeddedLogIndex implements LogIndex {
  readonly #db: SqliteDatabase;
  readonly #isOwned: boolean;
  readonly #statements;
  /** Names never change key once written, so both directions are cached for the file's life. */
  readonly #keys = new Map<string, number>();
  readonly #names = new Map<number, string>();
  readonly #searchWindowRecords: number;
  #isOpen = true;

  constructor(options: EmbeddedLogIndexOptions) {
    this.#searchWindowRecords = options.searchWindowRecords ?? SEARCH_WINDOW_RECORDS;
    const { db, isOwned } = resolveDatabase(options);
    this.#db = db;
    this.#isOwned = isOwned;
    // On a file of its own (the log thread's): checkpoint every ~40 MB of WAL instead of ~4 MB.
    // Each batch dirties the same right-edge pages of every index; checkpointing less often copies
    // them to the file once per many batches (interleaved micro-benchmark, 120 k records: ~3 % less
    // CPU per appended record). A shared connection keeps the Store's setting.
    if (isOwned) db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    migrate(db, 'logs', MIGRATIONS);
    this.#statements = {
      insert: db.prepare<SqlValue[]>(`
        INSERT INTO log_entries (id, time, user_key, flow_key, component_key, type_key, port_key, direction, severity,
          correlation_id, message_id, payload, truncated, duration_ms, error_code, error_message)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO NOTHING`),
      addName: db.prepare<[string]>('INSERT INTO log_names (name) VALUES (?) ON CONFLICT (name) DO NOTHING'),
      keyOf: db.prepare<[string], { key: number }>('SELECT key FROM log_names WHERE name = ?'),
      nameOf: db.prepare<[number], { name: string }>('SELECT name FROM log_names WHERE key = ?'),
      index: db.prepare<[number, string, string, string]>('INSERT INTO log_search (rowid, payload, error, component) VALUES (?, ?, ?, ?)'),
      unindexBefore: db.prepare<[number]>('DELETE FROM log_search WHERE rowid IN (SELECT seq FROM log_entries WHERE time < ?)'),
      deleteBefore: db.prepare<[number]>('DELETE FROM log_entries WHERE time < ?'),
      runState: db.prepare<[string, string], { state: string }>('SELECT state FROM runs WHERE user_id = ? AND correlation_id = ?'),
      putRun: db.prepare<SqlValue[]>(`
        INSERT INTO runs (user_id, correlation_id, flow_id, status, started_at, last_at, state) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (user_id, correlation_id) DO UPDATE SET status = excluded.status, started_at = excluded.started_at,
          last_at = excluded.last_at, state = excluded.state`),
      deleteRunsBefore: db.prepare<[number]>('DELETE FROM runs WHERE last_at < ?'),
      addHour: db.prepare<number[]>(`
        INSERT INTO log_hours (user_key, hour, flow_key, component_key, direction, severity, count) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (user_key, hour, flow_key, component_key, direction, severity) DO UPDATE SET count = count + excluded.count`),
      deleteHoursBefore: db.prepare<[number]>('DELETE FROM log_hours WHERE hour < ?'),
      // The records of the hour a retention cut falls in that go, grouped as log_hours counts them.
      partialHour: db.prepare<[number, number], { user_key: number; flow_key: number; component_key: number; direction: number; severity: number; count: number }>(`
        SELECT user_key, flow_key, component_key, direction, severity, count(*) AS count FROM log_entries WHERE time >= ? AND time < ? GROUP BY 1, 2, 3, 4, 5`),
      subtractHour: db.prepare<number[]>(
        'UPDATE log_hours SET count = count - ? WHERE user_key = ? AND hour = ? AND flow_key = ? AND component_key = ? AND direction = ? AND severity = ?',
      ),
      dropEmptyHour: db.prepare<[number]>('DELETE FROM log_hours WHERE hour = ? AND count <= 0'),
    };
  }

  async append(records: readonly LogRecord[]): Promise<void> {
    this.#assertOpen();
    try {
      this.#appendInTransaction(records);
    } catch (error) {
      // Keys handed out inside the rolled-back transaction no longer exist.
      this.#keys.clear();
      this.#names.clear();
      throw error;
    }
  }

  /** The key of a name, written to `log_names` when new (inside the caller's transaction). */
  #keyFor(name: string): number {
    const cached = this.#keys.get(name);
    if (cached !== undefined) return cached;
    this.#statements.addName.run(name);
    const key = this.#statements.keyOf.get(name)!.key;
    this.#keys.set(name, key);
    this.#names.set(key, name);
    return key;
  }

  /** The key of a name for a filter; -1 (matching nothing) when no record ever carried it. */
  #lookupKey(name: string): number {
    const cached = this.#keys.get(name);
    if (cached !== undefined) return cached;
    const row = this.#statements.keyOf.get(name);
    if (row === undefined) return -1;
    this.#keys.set(name, row.key);
    this.#names.set(row.key, name);
    return row.key;
  }

  #nameOf(key: number): string {
    const cached = this.#names.get(key);
    if (cached !== undefined) return cached;
    const name = this.#statements.nameOf.get(key)?.name ?? '';
    this.#names.set(key, name);
    this.#keys.set(name, key);
    return name;
  }

  #appendInTransaction(records: readonly LogRecord[]): void {
    this.#db.transaction(() => {
      const added: LogRecord[] = [];
      // log_hours keys → records added: one upsert per key the batch touches, not one per record.
      const hours = new Map<string, number>();
      for (const record of records) {
        const payload = JSON.stringify(record.payload ?? null);
        const userKey = this.#keyFor(record.userId);
        const flowKey = this.#keyFor(record.flowId);
        const componentKey = this.#keyFor(record.componentId);
        const direction = codeOf(DIRECTIONS, record.direction, 'out');
        const severity = codeOf(SEVERITIES, record.severity, 'info');
        const inserted = this.#statements.insert.run(
          record.id, record.time, userKey, flowKey, componentKey, this.#keyFor(record.componentType),
          this.#keyFor(record.port), direction, severity, record.correlationId, record.messageId, payload, record.truncated ? 1 : 0,
          record.durationMs ?? null, record.error?.code ?? null, record.error?.message ?? null,
        );
        // Already present: appending the same id again is a no-op, index and counts included.
        if (inserted.changes === 0) continue;
        added.push(record);
        const hourKey = `${userKey} ${Math.floor(record.time / HOUR_MS)} ${flowKey} ${componentKey} ${direction} ${severity}`;
        hours.set(hourKey, (hours.get(hourKey) ?? 0) + 1);
        const text = typeof record.payload === 'string' ? record.payload : payload;
        this.#statements.index.run(Number(inserted.lastInsertRowid), text, record.error?.message ?? '', `${record.componentType} ${record.componentId}`);
      }
      for (const [hourKey, count] of hours) this.#statements.addHour.run(...hourKey.split(' ').map(Number), count);
      // In the same transaction: a run is never ahead of or behind its records.
      const runs = foldBatch(added, (userId, correlationId) => this.#runState(userId, correlationId));
      for (const run of runs.values()) {
        this.#statements.putRun.run(run.userId, run.correlationId, run.flowId, run.status, run.startedAt, run.lastAt, JSON.stringify(run));
      }
    })();
  }

  #runState(userId: string, correlationId: string): RunState | undefined {
    const row = this.#statements.runState.get(userId, correlationId);
    return row ? (JSON.parse(row.state) as RunState) : undefined;
  }

  async runs(query: RunQuery): Promise<RunPage> {
    this.#assertOpen();
    const limit = Math.min(Math.max(1, Math.floor(query.limit ?? DEFAULT_LIMIT)), MAX_RUN_LIMIT);
    const where: string[] = [];
    const params: SqlValue[] = [];
    ownerFilter('user_id', scopeOwners(query.userId), where, params);
    if (query.flowId !== undefined) {
      where.push('flow_id = ?');
      params.push(query.flowId);
    }
    if (query.status !== undefined) {
      where.push('status = ?');
      params.push(query.status);
    }
    rangeFilter('started_at', query, where, params);
    if (query.cursor !== undefined) {
      const [startedAt, correlationId] = decodeRunCursor(query.cursor);
      where.push('(started_at, correlation_id) < (?, ?)');
      params.push(startedAt, correlationId);
    }
    const rows = this.#db
      .prepare<SqlValue[], { state: string; started_at: number; correlation_id: string }>(
        `SELECT state, started_at, correlation_id FROM runs WHERE ${where.join(' AND ')} ORDER BY started_at DESC, correlation_id DESC LIMIT ?`,
      )
      .all(...params, limit + 1);
    const runs = rows.slice(0, limit).map((row) => publicRun(JSON.parse(row.state) as RunState));
    const last = rows[limit - 1];
    return rows.length > limit && last !== undefined ? { runs, nextCursor: encodeRunCursor(last.started_at, last.correlation_id) } : { runs };
  }

  async run(userId: string, correlationId: string): Promise<RunSummary | undefined> {
    this.#assertOpen();
    const state = this.#runState(userId, correlationId);
    return state ? publicRun(state) : undefined;
  }

  async query(query: LogQuery): Promise<LogPage> {
    this.#assertOpen();
    const limit = Math.min(Math.max(1, Math.floor(query.limit ?? DEFAULT_LIMIT)), MAX_LIMIT);
    const isAscending = query.order === 'asc';
    const match = query.q === undefined ? undefined : toMatchExpression(query.q);
    // A run's few records are found by its correlation id first: no window would be smaller.
    const isWindowed = match !== undefined && query.correlationId === undefined;
    // Windows bring their own bounds on time and their own search (#searchInWindows).
    const { q: _q, from: _from, to: _to, ...unbounded } = query;
    const { where, params } = this.#filters(isWindowed ? unbounded : query);
    if (query.cursor !== undefined) {
      const [time, seq] = decodeCursor(query.cursor);
      // Keyset paging on (time, seq): records sharing a timestamp are split by seq, never skipped.
      where.push(isAscending ? '(time, seq) > (?, ?)' : '(time, seq) < (?, ?)');
      params.push(time, seq);
    }
    const rows =
      isWindowed && match !== undefined
        ? this.#searchInWindows(query, match, { where, params }, limit + 1)
        : this.#db
            .prepare<SqlValue[], LogRow>(`SELECT * FROM ${recordsFor(query)} WHERE ${where.join(' AND ')} ORDER BY time ${isAscending ? 'ASC' : 'DESC'}, seq ${isAscending ? 'ASC' : 'DESC'} LIMIT ?`)
            .all(...params, limit + 1);
    const records = rows.slice(0, limit).map((row) => this.#toRecord(row));
    const last = rows[limit - 1];
    return rows.length > limit && last !== undefined ? { records, nextCursor: encodeCursor(last.time, last.seq) } : { records };
  }

  /**
   * The first `count` records of a full-text query: those of the newest window of time (oldest for
   * `asc`) holding about `searchWindowRecords` candidates (records that pass the other filters),
   * then, if the page is not full, those of the rest of the range. The window's candidates are
   * counted on the filter's index, with the smallest and largest seq among them, and the search
   * index is asked only for that seq range. Records are appended roughly but not strictly in time
   * order, so the range is read from the records, never assumed from the times: the window finds
   * every match inside it, and every record outside it sorts after every record inside, so the
   * pages are exactly those of one query over the whole range.
   */
  #searchInWindows(query: LogQuery, match: string, filters: { where: string[]; params: SqlValue[] }, count: number): LogRow[] {
    const isAscending = query.order === 'asc';
    const direction = isAscending ? 'ASC' : 'DESC';
    const { where, params } = filters;
    // The times the query can reach: the first and last candidate within `from`/`to` and the cursor.
    const bounds = [...where];
    const boundParams = [...params];
    rangeFilter('time', query, bounds, boundParams);
    // Apart: a lone min() or max() is one seek at an end of the filter's index, both together a scan.
    const edge = (fn: 'min' | 'max') =>
      this.#db.prepare<SqlValue[], { time: number | null }>(`SELECT ${fn}(time) AS time FROM log_entries WHERE ${bounds.join(' AND ')}`).get(...boundParams)?.time ?? null;
    const first = edge('min');
    const last = first === null ? null : edge('max');
    if (first === null || last === null) return [];
    // A window is [start, last] newest first, [first, end) oldest first (all of it when `end` is
    // undefined): `first` and `last` are times candidates have, inside `from`/`to` and the cursor.
    const window = (width: number) =>
      isAscending ? { start: first, end: first + width > last ? undefined : first + width } : { start: Math.max(first, last - width), end: undefined };
    const span = ({ start, end }: { start: number; end: number | undefined }) =>
      this.#db
        .prepare<SqlValue[], { low: number | null; high: number | null; candidates: number }>(
          `SELECT min(seq) AS low, max(seq) AS high, count(*) AS candidates FROM log_entries WHERE ${where.join(' AND ')} AND time >= ? AND time ${end === undefined ? '<=' : '<'} ?`,
        )
        .get(...params, start, end ?? last);
    // Sized first for the time `searchWindowRecords` records of any kind take on average (seconds
    // or days), then widened, counting only, until it holds that many candidates or the whole range.
    const records = this.#db.prepare<[], { records: number | null }>('SELECT (SELECT max(seq) FROM log_entries) - (SELECT min(seq) FROM log_entries) + 1 AS records').get()?.records ?? 1;
    let width = Math.max(1, Math.ceil(((last - first + 1) * this.#searchWindowRecords) / Math.max(1, records)));
    let bounded = window(width);
    let seqs = span(bounded);
    for (let widenings = 0; widenings < 16; widenings++) {
      const candidates = seqs?.candidates ?? 0;
      const isWhole = isAscending ? bounded.end === undefined : bounded.start <= first;
      if (candidates >= this.#searchWindowRecords || isWhole) break;
      // At most 16 times a step: a quiet hour before a busy day must not make one count read millions.
      width *= candidates === 0 ? 16 : Math.min(16, Math.max(2, Math.ceil((1.2 * this.#searchWindowRecords) / candidates)));
      bounded = window(width);
      seqs = span(bounded);
    }
    const { start, end } = bounded;
    const isWhole = isAscending ? end === undefined : start <= first;
    // Filters that leave few candidates widen the window over much of the range (an eighth: at
    // most ~8 windows of candidates in all): then one query over all of it, rather than the
    // window's search and a second one, each asking the search index, for what is left.
    if (!isWhole && width * 8 >= last - first) {
      return this.#db
        .prepare<SqlValue[], LogRow>(
          `SELECT * FROM ${windowTable(query)} WHERE ${where.join(' AND ')} AND time >= ? AND time <= ?
            AND seq IN (SELECT rowid FROM log_search WHERE log_search MATCH ?) ORDER BY time ${direction}, seq ${direction} LIMIT ?`,
        )
        .all(...params, first, last, match, count);
    }
    const found =
      seqs === undefined || seqs.low === null || seqs.high === null
        ? []
        : this.#db
            .prepare<SqlValue[], LogRow>(
              `SELECT * FROM ${windowTable(query)} WHERE ${where.join(' AND ')} AND time >= ? AND time ${end === undefined ? '<=' : '<'} ?
                AND seq IN (SELECT rowid FROM log_search WHERE log_search MATCH ? AND rowid >= ? AND rowid <= ?) ORDER BY time ${direction}, seq ${direction} LIMIT ?`,
            )
            .all(...params, start, end ?? last, match, seqs.low, seqs.high, count);
    if (found.length >= count || isWhole) return found;
    // The rest of the range in one query asking the search index for every match, as without a
    // window, walking the filter's index on from the window's edge.
    const rest = this.#db
      .prepare<SqlValue[], LogRow>(
        `SELECT * FROM ${windowTable(query)} WHERE ${where.join(' AND ')} AND ${isAscending ? 'time >= ? AND time <= ?' : 'time >= ? AND time < ?'}
          AND seq IN (SELECT rowid FROM log_search WHERE log_search MATCH ?) ORDER BY time ${direction}, seq ${direction} LIMIT ?`,
      )
      .all(...params, ...(isAscending ? [end!, last] : [first, start]), match, count - found.length);
    return [...found, ...rest];
  }

  async histogram(query: LogQuery, intervalMs: number): Promise<HistogramBucket[]> {
    this.#assertOpen();
    const interval = Math.max(1, Math.floor(intervalMs));
    const table = recordsFor(query);
    if (query.q === undefined) {
      // The bucket's bounds replace the query's: with two lower bounds on time SQLite ranges the
      // index on one (it may pick `from`) and tests the other on every row up to the bucket's end.
      const { from, to, ...unbounded } = query;
      const { where, params } = this.#filters(unbounded);
      const span = this.#timeSpan(table, where, params, from, to);
      if (span === undefined || span.to <= span.from) return [];
      const count = this.#db.prepare<SqlValue[], { count: number }>(`SELECT count(*) AS count FROM ${table} WHERE ${where.join(' AND ')} AND time >= ? AND time < ?`);
      const countRange = (start: number, end: number) => count.get(...params, start, end)!.count;
      const hourly = this.#fromHours(unbounded, interval, span, countRange);
      if (hourly !== undefined) return hourly;
      const first = Math.floor(span.from / interval) * interval;
      if ((span.to - first) / interval <= MAX_COUNTED_BUCKETS) {
        // One index range count per bucket: SQLite steps the filter's index and counts, where
        // GROUP BY (time / interval) sorts every matching record in a temp b-tree first (measured
        // at 1 M records: ~110 ms against ~650 ms for 168 hourly buckets, `--scenario big-logs`).
        const buckets: HistogramBucket[] = [];
        for (let start = first; start < span.to; start += interval) {
          const found = countRange(Math.max(start, span.from), Math.min(start + interval, span.to));
          if (found > 0) buckets.push({ start, count: found });
        }
        return buckets;
      }
    }
    const { where, params } = this.#filters(query);
    // Times are stored as integers and the interval is written as an integer literal (a bound JS
    // number may arrive as REAL), so `/` is integer division and buckets align to the interval.
    return this.#db
      .prepare<SqlValue[], HistogramBucket>(`SELECT (time / ${interval}) * ${interval} AS start, count(*) AS count FROM ${table} WHERE ${where.join(' AND ')} GROUP BY 1 ORDER BY 1`)
      .all(...params);
  }

  /**
   * The histogram from log_hours when its buckets are whole hours and it filters only on what the
   * table keeps (owner, flow, component, direction, severity); undefined otherwise. The hours the span covers
   * whole are read from the table, the parts of an hour at either edge counted from the records.
   */
  #fromHours(query: LogQuery, interval: number, span: { from: number; to: number }, countRange: (start: number, end: number) => number): HistogramBucket[] | undefined {
    if (interval % HOUR_MS !== 0 || query.q !== undefined || query.correlationId !== undefined || query.messageId !== undefined) return undefined;
    const firstHour = Math.ceil(span.from / HOUR_MS);
    const endHour = Math.floor(span.to / HOUR_MS);
    if (endHour <= firstHour) return undefined;
    const where: string[] = [];
    const params: SqlValue[] = [];
    ownerFilter('user_key', scopeOwners(query.userId)?.map((owner) => this.#lookupKey(owner)), where, params);
    if (query.flowId !== undefined) {
      where.push('flow_key = ?');
      params.push(this.#lookupKey(query.flowId));
    }
    if (query.componentId !== undefined) {
      where.push('component_key = ?');
      params.push(this.#lookupKey(query.componentId));
    }
    if (query.direction !== undefined) {
      where.push('direction = ?');
      params.push(DIRECTIONS.indexOf(query.direction));
    }
    if (query.severity !== undefined) {
      where.push('severity = ?');
      params.push(SEVERITIES.indexOf(query.severity));
    }
    const counts = new Map<number, number>();
    const add = (time: number, found: number) => {
      if (found === 0) return;
      const start = Math.floor(time / interval) * interval;
      counts.set(start, (counts.get(start) ?? 0) + found);
    };
    const rows = this.#db
      .prepare<SqlValue[], { hour: number; count: number }>(`SELECT hour, sum(count) AS count FROM log_hours WHERE ${where.join(' AND ')} AND hour >= ? AND hour < ? GROUP BY hour`)
      .all(...params, firstHour, endHour);
    for (const row of rows) add(row.hour * HOUR_MS, row.count);
    if (span.from < firstHour * HOUR_MS) add(span.from, countRange(span.from, firstHour * HOUR_MS));
    if (endHour * HOUR_MS < span.to) add(endHour * HOUR_MS, countRange(endHour * HOUR_MS, span.to));
    return [...counts].sort(([a], [b]) => a - b).map(([start, count]) => ({ start, count }));
  }

  /**
   * The times a histogram spans: the query's `from`/`to`, else the first and last matching record
   * (one index seek each: a lone min() or max() is read from the end of the filter's index).
   */
  #timeSpan(table: string, where: readonly string[], params: readonly SqlValue[], from: number | undefined, to: number | undefined): { from: number; to: number } | undefined {
    const edge = (fn: 'min' | 'max') =>
      this.#db.prepare<SqlValue[], { time: number | null }>(`SELECT ${fn}(time) AS time FROM ${table} WHERE ${where.join(' AND ')}`).get(...params)?.time ?? null;
    const first = from ?? edge('min');
    if (first === null) return undefined;
    const last = to === undefined ? edge('max') : null;
    const end = to ?? (last === null ? null : last + 1);
    return end === null ? undefined : { from: Math.ceil(first), to: Math.ceil(end) };
  }

  async deleteBefore(time: number): Promise<number> {
    this.#assertOpen();
    return this.#db.transaction(() => {
      // The hour the cut falls in loses only the records before the cut; the hours before it, all.
      const hour = Math.floor(time / HOUR_MS);
      if (hour * HOUR_MS < time) {
        for (const row of this.#statements.partialHour.all(hour * HOUR_MS, time)) {
          this.#statements.subtractHour.run(row.count, row.user_key, hour, row.flow_key, row.component_key, row.direction, row.severity);
        }
        this.#statements.dropEmptyHour.run(hour);
      }
      this.#statements.deleteHoursBefore.run(hour);
      this.#statements.unindexBefore.run(time);
      this.#statements.deleteRunsBefore.run(time);
      return this.#statements.deleteBefore.run(time).changes;
    })();
  }

  async close(): Promise<void> {
    if (!this.#isOpen) return;
    this.#isOpen = false;
    if (this.#isOwned) this.#db.close();
  }

  #filters(query: LogQuery): { where: string[]; params: SqlValue[] } {
    const where: string[] = [];
    const params: SqlValue[] = [];
    const owners = scopeOwners(query.userId);
    ownerFilter('user_key', owners?.map((owner) => this.#lookupKey(owner)), where, params);
    const equal = (column: string, value: SqlValue | undefined) => {
      if (value === undefined) return;
      where.push(`${column} = ?`);
      params.push(value);
    };
    const key = (name: string | undefined) => (name === undefined ? undefined : this.#lookupKey(name));
    equal('flow_key', key(query.flowId));
    equal('component_key', key(query.componentId));
    equal('correlation_id', query.correlationId);
    // No index of its own (each would cost every append): a lookup by message id reads the user's records by time.
    equal('message_id', query.messageId);
    equal('direction', query.direction === undefined ? undefined : DIRECTIONS.indexOf(query.direction));
    equal('severity', query.severity === undefined ? undefined : SEVERITIES.indexOf(query.severity));
    rangeFilter('time', query, where, params);
    const match = query.q === undefined ? undefined : toMatchExpression(query.q);
    if (match !== undefined) {
      where.push('seq IN (SELECT rowid FROM log_search WHERE log_search MATCH ?)');
      params.push(match);
    }
    return { where, params };
  }

  #toRecord(row: LogRow): LogRecord {
    const record: LogRecord = {
      id: row.id,
      time: row.time,
      userId: this.#nameOf(row.user_key),
      flowId: this.#nameOf(row.flow_key),
      componentId: this.#nameOf(row.component_key),
      componentType: this.#nameOf(row.type_key),
      port: this.#nameOf(row.port_key),
      direction: DIRECTIONS[row.direction] ?? 'out',
      severity: SEVERITIES[row.severity] ?? 'info',
      correlationId: row.correlation_id,
      messageId: row.message_id,
      payload: JSON.parse(row.payload) as unknown,
      truncated: row.truncated === 1,
    };
    if (row.duration_ms !== null) record.durationMs = row.duration_ms;
    if (row.error_code !== null) record.error = { code: row.error_code, message: row.error_message ?? '' };
    return record;
  }

  #assertOpen(): void {
    if (!this.#isOpen) throw new WeftError('log.closed', 'The embedded log index is closed', { status: 503 });
  }
}

/**
 * The table, with the index a query must use when the planner would choose wrongly. Without
 * statistics SQLite serves `ORDER BY time` from (user_id, time) and so reads every record of the
 * user to find one run's few (measured: 440 ms at 120 k records, `npm run bench -- --scenario
 * big-logs`); a run's records are found by its correlation id, then sorted.
 */
function recordsFor(query: LogQuery): string {
  // Forced only for one owner: across owners (staff reads) the planner picks its own way.
  return query.correlationId !== undefined && scopeOwners(query.userId)?.length === 1 ? 'log_entries INDEXED BY log_entries_user_correlation' : 'log_entries';
}

/**
 * The table a window of a full-text search reads, with the index of a filter when there is one.
 * Left to itself SQLite walks the window on (user, time), which serves the order, and reads every
 * record to test the filter: ~100 times the work for 1 % errors. On the filter's index it tests
 * the seq against the window's matches first and reads only the records that pass.
 */
function windowTable(query: LogQuery): string {
  if (scopeOwners(query.userId)?.length !== 1) return 'log_entries';
  if (query.severity !== undefined) return 'log_entries INDEXED BY log_entries_user_severity_time';
  if (query.flowId !== undefined) return 'log_entries INDEXED BY log_entries_user_flow_time';
  if (query.componentId !== undefined) return 'log_entries INDEXED BY log_entries_user_component_time';
  if (query.direction !== undefined) return 'log_entries INDEXED BY log_entries_user_direction_time';
  return 'log_entries';
}

/**
 * The user's words as FTS5 phrases, all required, each also matching as a prefix ("invo" finds
 * "invoice"). Quoting every word makes FTS5 syntax (AND, *, :, parentheses) plain text.
 */
/**
 * `column = ?`, `column IN (…)`, nothing for every owner (undefined), or a condition no row meets
 * for an empty list.
 */
function ownerFilter(column: string, owners: readonly SqlValue[] | undefined, where: string[], params: SqlValue[]): void {
  if (owners === undefined) where.push('1 = 1');
  else if (owners.length === 0) where.push('0 = 1');
  else if (owners.length === 1) {
    where.push(`${column} = ?`);
    params.push(owners[0]!);
  } else {
    where.push(`${column} IN (${owners.map(() => '?').join(', ')})`);
    params.push(...owners);
  }
}

/** `column >= from` and `column < to`, each where the query sets it. */
function rangeFilter(column: string, query: { from?: number | undefined; to?: number | undefined }, where: string[], params: SqlValue[]): void {
  if (query.from !== undefined) {
    where.push(`${column} >= ?`);
    params.push(query.from);
  }
  if (query.to !== undefined) {
    where.push(`${column} < ?`);
    params.push(query.to);
  }
}

function toMatchExpression(q: string): string | undefined {
  const words = q.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length === 0) return undefined;
  return words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' ');
}

function encodeCursor(time: number, seq: number): string {
  return Buffer.from(JSON.stringify([time, seq])).toString('base64url');
}

function decodeCursor(cursor: string): [number, number] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && Number.isInteger(value[1])) return [value[0], value[1] as number];
  } catch {
    // Fall through to the error below.
  }
  throw new WeftError('log.bad_cursor', 'The cursor is not one this log index handed out', { retry: 'never', status: 400, path: 'cursor' });
}

function encodeRunCursor(startedAt: number, correlationId: string): string {
  return Buffer.from(JSON.stringify([startedAt, correlationId])).toString('base64url');
}

function decodeRunCursor(cursor: string): [number, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') return [value[0], value[1]];
  } catch {
    // Fall through to the error below.
  }
  throw new WeftError('log.bad_cursor', 'The cursor is not one this log index handed out', { retry: 'never', status: 400, path: 'query.cursor' });
}

function codeOf(values: readonly string[], value: string, fallback: string): number {
  const code = values.indexOf(value);
  return code === -1 ? values.indexOf(fallback) : code;
}
