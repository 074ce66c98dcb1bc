/** @module Log quota: how many bytes of log records one user may write per day, so one flow cannot fill the index for everyone. */
import { quotaRecordId } from './log-record-id.ts';
import type { LogRecord } from '../ports/log-index.ts';

const DAY_MS = 24 * 3_600_000;
/** What a record costs beside its payload (ids, names, times), roughly. */
const RECORD_OVERHEAD_BYTES = 300;

/**
 * Counts per process: with several worker processes a user may write up to their number times
 * the quota. The first record over the quota each day is replaced by one `log.quota_exceeded`
 * record, so the user sees in their logs why later records are missing.
 */
export class LogQuota {
  readonly #used = new Map<string, { day: number; bytes: number; isOver: boolean }>();

  constructor(
    private readonly bytesPerUserDay: () => number,
    private readonly now: () => number,
  ) {}

  /**
   * The record to keep: `record` itself while under the quota, the one quota record when it is
   * first passed today, else undefined (dropped).
   */
  admit(record: LogRecord, payloadBytes: number): LogRecord | undefined {
    const limit = this.bytesPerUserDay();
    if (!(limit > 0)) return record;
    const day = Math.floor(this.now() / DAY_MS);
    let used = this.#used.get(record.userId);
    if (used === undefined || used.day !== day) {
      if (this.#used.size > 100_000) this.#used.clear();
      used = { day, bytes: 0, isOver: false };
      this.#used.set(record.userId, used);
    }
    used.bytes += payloadBytes + RECORD_OVERHEAD_BYTES;
    if (used.bytes <= limit) return record;
    if (used.isOver) return undefined;
    used.isOver = true;
    return {
      ...record,
      id: quotaRecordId(record.userId, day),
      direction: 'error',
      severity: 'error',
      payload: { limitBytes: limit },
      truncated: false,
      error: {
        code: 'log.quota_exceeded',
        message: `This account wrote more than ${Math.round(limit / 1024 / 1024)} MB of log records today, its daily quota; later records of today are not kept. Flows keep running.`,
      },
    };
  }
}
