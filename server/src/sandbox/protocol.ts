/** @module Pool ↔ worker messages (plain structured-clone objects; both ends are ours) and their log lines. */
import type { ResolvedLimits } from './limits.ts';
import type { SandboxError, SandboxLogLevel, SandboxLogLine } from './result.ts';

export type ToWorker =
  | { type: 'call'; id: number; userId: string; source: string; entry: string; argsJson: string; limits: ResolvedLimits }
  | { type: 'check'; id: number; source: string; limits: ResolvedLimits };

/** What the pool tells a worker when it starts it (`workerData`). */
export interface WorkerSetup {
  /** Cap on the worker's WebAssembly memory, where every QuickJS runtime of the worker lives. */
  wasmMemoryBytes: number;
}

/** `recycle`: the worker's QuickJS module cannot be trusted any more; the pool replaces the worker after this answer. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'done'; id: number; json: string; durationMs: number; logs?: EncodedLogLine[]; recycle?: true }
  | { type: 'failed'; id: number; error: SandboxError; durationMs: number; logs?: EncodedLogLine[]; recycle?: true };

/**
 * A log line crosses as one string opening with its level's letter: as cheap to clone as the bare
 * line, where an object per line would not be. The runner writes the letter, never user code.
 */
export type EncodedLogLine = string;

const LETTER_OF: Record<SandboxLogLevel, string> = { debug: 'd', info: 'i', warn: 'w', error: 'e' };

export const encodeLogLine = (level: SandboxLogLevel, message: string): EncodedLogLine => LETTER_OF[level] + message;

export function decodeLogLine(encoded: EncodedLogLine): SandboxLogLine {
  const message = encoded.slice(1);
  switch (encoded.charAt(0)) {
    case 'd':
      return { level: 'debug', message };
    case 'w':
      return { level: 'warn', message };
    case 'e':
      return { level: 'error', message };
    default:
      return { level: 'info', message };
  }
}
