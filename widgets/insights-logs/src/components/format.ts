/** @module Formatting for log rows: sortable local timestamps with milliseconds and one-line payload summaries. */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2026-11-23 16:05:09.042` in local time: fixed width, so a column of them reads like a log file. */
export function formatTimestamp(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** What a row shows of a record: the error if there is one, otherwise the start of the payload. */
export function summarize(record: { payload: unknown; error?: { code: string; message: string } | undefined }, max = 160): string {
  if (record.error) return `${record.error.code}: ${record.error.message}`.slice(0, max);
  let text: string;
  try {
    text = typeof record.payload === 'string' ? record.payload : JSON.stringify(record.payload) ?? '';
  } catch {
    text = String(record.payload);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `<input type="datetime-local">` speaks local time without a zone. */
export function toLocalInput(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
