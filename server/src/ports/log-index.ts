/** @module LogIndex port: append activity records in batches and query them for insights. */

/** `log`: a line a component wrote with `context.log` while handling the message. */
export type LogDirection = 'in' | 'out' | 'error' | 'log';
export type LogSeverity = 'info' | 'warn' | 'error';

export interface LogRecord {
  /** Unique per record; appending a record with an id already present is a no-op. */
  id: string;
  /** Epoch milliseconds. */
  time: number;
  userId: string;
  flowId: string;
  componentId: string;
  componentType: string;
  port: string;
  direction: LogDirection;
  severity: LogSeverity;
  correlationId: string;
  messageId: string;
  /** The message payload, possibly truncated (then `truncated` is true and payload is a string preview). */
  payload: unknown;
  truncated: boolean;
  durationMs?: number;
  error?: { code: string; message: string };
  /** What this record tells the run history beyond its direction and severity (run-summary.ts). */
  run?: RunMark;
}

/**
 * Shares of its run (exact fractions "n/d", see engine/run-share.ts) a record reports: the run has
 * ended once the shares `ended` add up to the whole; shares in `timers` wait in Delay/Wait timers
 * until a receive that came `fromTimer` takes them back.
 */
export interface RunMark {
  /** The share a branch that sent nothing gave back. */
  ended?: string;
  /** What the timers this receive set carry. */
  timers?: string;
  /** The share of the fired timer this receive handled. */
  fromTimer?: string;
  /** Someone cancelled the run (`POST /runs/:correlationId/cancel`). */
  cancelled?: true;
}

/**
 * Whose records a read covers, always stated: one owner's id, several owners' ids (a tenant's
 * members; none finds nothing), or `null` for every owner (staff reading without a tenant filter).
 */
export type OwnerScope = string | readonly string[] | null;

/** The owner ids of a scope, or undefined for every owner. */
export function scopeOwners(scope: OwnerScope): readonly string[] | undefined {
  return scope === null ? undefined : typeof scope === 'string' ? [scope] : scope;
}

export interface LogQuery {
  /** Always required: one tenant never sees another's records (see OwnerScope). */
  userId: OwnerScope;
  flowId?: string;
  componentId?: string;
  correlationId?: string;
  /** One message's records (its in, out, error and log lines); support pastes it to find the run. */
  messageId?: string;
  direction?: LogDirection;
  severity?: LogSeverity;
  /** Inclusive lower bound, epoch ms. */
  from?: number;
  /** Exclusive upper bound, epoch ms. */
  to?: number;
  /** Full-text search over payload, error message, component type and id. */
  q?: string;
  /** Default 50, maximum 1000. */
  limit?: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
  /** Newest first (default) or oldest first (correlation view). */
  order?: 'desc' | 'asc';
}

export interface LogPage {
  records: LogRecord[];
  nextCursor?: string;
}

export interface HistogramBucket {
  /** Bucket start, epoch ms, aligned to the interval. */
  start: number;
  count: number;
}

export type RunStatus = 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';

/** One run (one trigger, one correlation id), as the index keeps it from the records appended. */
export interface RunSummary {
  correlationId: string;
  userId: string;
  flowId: string;
  status: RunStatus;
  /** Time of its earliest record. */
  startedAt: number;
  /** Time of its latest record. */
  lastAt: number;
  /** Set once it succeeded, failed or was cancelled. */
  endedAt?: number;
  /** Receives that completed. */
  steps: number;
  /** Error records (failed attempts, retried or not). */
  errors: number;
  /** The last error that parked a message, with where it happened. */
  failure?: { componentId: string; componentType: string; time: number; error: { code: string; message: string } };
  /** Shares given back, and shares waiting in timers ("n/d"). */
  ended: string;
  waiting: string;
  cancelled: boolean;
  /** True while a parked message of it waits (its share has not come back). */
  parked: boolean;
}

export interface RunQuery {
  userId: OwnerScope;
  flowId?: string;
  status?: RunStatus;
  /** Inclusive lower bound on `startedAt`, epoch ms. */
  from?: number;
  /** Exclusive upper bound on `startedAt`, epoch ms. */
  to?: number;
  /** Default 50, maximum 200. */
  limit?: number;
  cursor?: string;
}

/** Newest first. */
export interface RunPage {
  runs: RunSummary[];
  nextCursor?: string;
}

export interface LogIndex {
  append(records: readonly LogRecord[]): Promise<void>;
  query(query: LogQuery): Promise<LogPage>;
  /** Counts per bucket of `intervalMs` for the records matching the query's filters (cursor/limit ignored). */
  histogram(query: LogQuery, intervalMs: number): Promise<HistogramBucket[]>;
  /** The user's runs, newest first, kept from the records appended (records without a correlation do not make runs). */
  runs(query: RunQuery): Promise<RunPage>;
  /** One of the user's runs; another user's is undefined. */
  run(userId: string, correlationId: string): Promise<RunSummary | undefined>;
  /** Retention: delete records (and runs last active) older than `time`. Returns how many records were deleted (approximate is fine). */
  deleteBefore(time: number): Promise<number>;
  close(): Promise<void>;
}
