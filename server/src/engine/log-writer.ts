/** @module Log writer: buffers log records and appends them to the LogIndex in batches, off the dispatch path. */
import type { LogIndex, LogRecord } from '../ports/log-index.ts';
import type { LogQuota } from './log-quota.ts';
import { redact, redactText } from './redact.ts';

/** Where batches go: the LogIndex itself, or the Bus on the way to an indexer process. */
export type LogSink = Pick<LogIndex, 'append'>;

export interface LogWriterOptions {
  /** Flush when this many records wait. */
  batchSize: number;
  /**
   * Flush when the records waiting take about this many bytes (their payloads' JSON, plus
   * RECORD_BYTES each): a batch handed over as one JSON string over 128 KB is one of V8's large
   * objects, which cost the engine's thread ~3× more a record (log-batch.ts). Unset: by count only.
   */
  batchBytes?: number;
  /** Flush at least this often. */
  intervalMs: number;
  /** Payloads whose JSON is longer than this are stored as a truncated string preview. */
  payloadLimitBytes: number;
  /** Drops a user's records past their daily quota. */
  quota?: LogQuota;
  onError(error: unknown): void;
}

type Listener = (records: readonly LogRecord[]) => void;

/** What a record's fields add to its payload in a batch, roughly (`batchBytes`). */
const RECORD_BYTES = 200;

export class LogWriter {
  #buffer: LogRecord[] = [];
  /** What `#buffer` takes, as `batchBytes` counts it. */
  #bytes = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #flushing: Promise<void> = Promise.resolve();
  readonly #listeners = new Set<Listener>();

  constructor(
    private readonly sink: LogSink,
    private readonly options: LogWriterOptions,
  ) {}

  /**
   * Never blocks the caller: the record is appended with the next batch, completed in place (pass
   * a fresh object; it is the writer's from then on). This is the one place log
   * payloads are written, so credentials are hidden here (headers, secret-named fields, text).
   */
  write(record: Omit<LogRecord, 'payload' | 'truncated'>, payload: unknown): void {
    const stored = truncatePayload(redact(payload), this.options.payloadLimitBytes);
    // The record is the caller's fresh literal: completed in place rather than copied (a copy per record showed in --cpu-prof).
    const full = record as LogRecord;
    full.payload = stored.payload;
    full.truncated = stored.truncated;
    if (record.error !== undefined) full.error = { ...record.error, message: redactText(record.error.message) };
    const kept = this.options.quota ? this.options.quota.admit(full, stored.bytes) : full;
    if (kept === undefined) return;
    this.#buffer.push(kept);
    this.#bytes += stored.bytes + RECORD_BYTES;
    if (this.#buffer.length >= this.options.batchSize || this.#bytes >= (this.options.batchBytes ?? Number.POSITIVE_INFINITY)) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), this.options.intervalMs);
  }

  /** Live tail: called with every batch after it is stored. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#buffer;
    if (batch.length === 0) return this.#flushing;
    this.#buffer = [];
    this.#bytes = 0;
    this.#flushing = this.#flushing.then(async () => {
      try {
        await this.sink.append(batch);
        for (const listener of this.#listeners) listener(batch);
      } catch (error) {
        this.options.onError(error);
      }
    });
    return this.#flushing;
  }
}

/** `bytes`: the length of what is stored, roughly (the log quota counts it). */
export function truncatePayload(payload: unknown, limitBytes: number): { payload: unknown; truncated: boolean; bytes: number } {
  let json: string | undefined;
  try {
    json = JSON.stringify(payload);
  } catch {
    return { payload: '[unserialisable payload]', truncated: true, bytes: 24 };
  }
  if (json === undefined) return { payload: null, truncated: false, bytes: 4 };
  if (json.length <= limitBytes) return { payload, truncated: false, bytes: json.length };
  return { payload: `${json.slice(0, limitBytes)}…`, truncated: true, bytes: limitBytes };
}
