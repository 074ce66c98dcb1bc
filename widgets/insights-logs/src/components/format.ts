/** @module Formatting for log rows: sortable local timestamps with milliseconds and one-line payload summaries. */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2026-11-23 16:05:09.042` in local time: fixed width, so a column of them reads like a log file. */
export function formatTimestamp(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

interface Summarized {
  direction?: string;
  payload: unknown;
  error?: { code: string; message: string } | undefined;
}

/**
 * What a row shows of a record: the error if there is one, the level and text of a `context.log`
 * line, otherwise the start of the payload.
 */
export function summarize(record: Summarized, max = 160): string {
  if (record.error) return `${record.error.code}: ${record.error.message}`.slice(0, max);
  const line = logLine(record);
  const text = line ? `${line.level}: ${line.message}${line.data === undefined ? '' : ` ${toText(line.data)}`}` : toText(record.payload);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The line of a `log` record, or undefined when the payload is not one (another direction, or cut to a string preview). */
export function logLine(record: Summarized): { level: string; message: string; data?: unknown } | undefined {
  if (record.direction !== 'log' || typeof record.payload !== 'object' || record.payload === null) return undefined;
  const { level, message, data } = record.payload as Record<string, unknown>;
  if (typeof level !== 'string' || typeof message !== 'string') return undefined;
  return data === undefined ? { level, message } : { level, message, data };
}

function toText(value: unknown): string {
  try {
    return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}

/** `<input type="datetime-local">` speaks local time without a zone. */
export function toLocalInput(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** `340 ms`, `1.2 s`, `3 min 5 s`, `2 h 4 min`: how long a run took, at a glance. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ${Math.floor((ms % 60_000) / 1000)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
