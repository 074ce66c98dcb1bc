/**
 * @module Stderr lines: what the server prints about an error, with user-controlled text escaped so
 * a message with line breaks or terminal escapes cannot forge or hide a log line.
 */
import { inspect } from 'node:util';

// Every C0 control character but tab, DEL, and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f\u2028\u2029]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

/** `text` on one line: line breaks and control characters (ANSI escapes included) written as escapes. */
export function escapeLine(text: string): string {
  return text.replace(CONTROL, (char) => NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `prefix` and the error on the first line, then its stack frames, each on its own line indented
 * by four spaces: every line that starts at the margin is one the server wrote.
 */
export function errorLines(prefix: string, error: unknown, depth = 0): string {
  if (!(error instanceof Error)) return `${prefix} ${escapeLine(typeof error === 'string' ? error : inspect(error, { depth: 4, breakLength: Infinity }))}`;
  const { code, details } = error as { code?: unknown; details?: unknown };
  let head = `${prefix} ${escapeLine(`${error.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${error.message}`)}`;
  if (details !== undefined) head += ` details: ${escapeLine(inspect(details, { depth: 4, breakLength: Infinity }))}`;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).map((line) => `    ${escapeLine(line.trim())}`);
  const lines = [head, ...frames];
  if (error.cause !== undefined && depth < 3) lines.push(errorLines('    caused by:', error.cause, depth + 1));
  return lines.join('\n');
}

/** Print `error` to stderr as `errorLines` writes it. */
export function printError(prefix: string, error: unknown): void {
  console.error(errorLines(prefix, error));
}
