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
}

export interface LogQuery {
  /** Always required: one tenant never sees another's records. */
  userId: string;
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

export interface LogIndex {
  append(records: readonly LogRecord[]): Promise<void>;
  query(query: LogQuery): Promise<LogPage>;
  /** Counts per bucket of `intervalMs` for the records matching the query's filters (cursor/limit ignored). */
  histogram(query: LogQuery, intervalMs: number): Promise<HistogramBucket[]>;
  /** Retention: delete records older than `time`. Returns how many were deleted (approximate is fine). */
  deleteBefore(time: number): Promise<number>;
  close(): Promise<void>;
}
