/** @module Pool ↔ worker messages. Plain structured-clone objects; both ends are ours. */
import type { ResolvedLimits } from './limits.ts';
import type { SandboxError } from './result.ts';

export type ToWorker =
  | { type: 'call'; id: number; source: string; entry: string; argsJson: string; limits: ResolvedLimits }
  | { type: 'check'; id: number; source: string; limits: ResolvedLimits };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'done'; id: number; json: string; durationMs: number; logs?: string[] }
  | { type: 'failed'; id: number; error: SandboxError; durationMs: number; logs?: string[]; recycle?: true };
