/**
 * @module Log batch: a batch of log records as one JSON string for the log index thread, shorter
 * than the records' own JSON.
 *
 * The engine's thread pays for every byte it hands over (the JSON, then the copy postMessage
 * makes), and a batch's records mostly repeat each other: the same field names, and the same
 * user, flow and run ids (36 characters each) in every record of a run. So each record is an
 * array of its values in a fixed order, and the three ids are written only when they differ from
 * the previous record's. A 40-step chain's 500-record batch was 215 KB (then 3.4 µs of the
 * engine's thread a record: a string over 128 KB is one of V8's large objects) and is ~95 KB
 * (~0.9 µs a record), measured with a scratch micro-bench.
 */
import type { LogRecord } from '../../ports/log-index.ts';

/**
 * One record: `[id, time, componentId, componentType, port, direction, severity, messageId,
 * payload, truncated, durationMs, error, run]`, then `userId, flowId, correlationId` when any of
 * them differs from the previous record's (always in the first). An absent optional field is null.
 */
type Row = [
  string, number, string, string, string, LogRecord['direction'], LogRecord['severity'], string,
  unknown, boolean, number | null, NonNullable<LogRecord['error']> | null, NonNullable<LogRecord['run']> | null,
  string?, string?, string?,
];

export function packRecords(records: readonly LogRecord[]): string {
  const rows: Row[] = [];
  let previous: LogRecord | undefined;
  for (const r of records) {
    const row: Row = [r.id, r.time, r.componentId, r.componentType, r.port, r.direction, r.severity, r.messageId, r.payload, r.truncated, r.durationMs ?? null, r.error ?? null, r.run ?? null];
    if (previous === undefined || r.userId !== previous.userId || r.flowId !== previous.flowId || r.correlationId !== previous.correlationId) row.push(r.userId, r.flowId, r.correlationId);
    rows.push(row);
    previous = r;
  }
  return JSON.stringify(rows);
}

export function unpackRecords(json: string): LogRecord[] {
  const rows = JSON.parse(json) as Row[];
  const records: LogRecord[] = [];
  let userId = '';
  let flowId = '';
  let correlationId = '';
  for (const row of rows) {
    if (row.length > 13) [userId, flowId, correlationId] = [row[13]!, row[14]!, row[15]!];
    const record: LogRecord = {
      id: row[0], time: row[1], userId, flowId, componentId: row[2], componentType: row[3], port: row[4], direction: row[5], severity: row[6],
      correlationId, messageId: row[7], payload: row[8], truncated: row[9],
    };
    if (row[10] !== null) record.durationMs = row[10];
    if (row[11] !== null) record.error = row[11];
    if (row[12] !== null) record.run = row[12];
    records.push(record);
  }
  return records;
}
