/** @module Sandbox results: what a call returns, success or a failure with a stable code. */

export type SandboxErrorCode =
  | 'SANDBOX_TIMEOUT'
  | 'SANDBOX_MEMORY'
  | 'SANDBOX_OUTPUT_TOO_LARGE'
  | 'SANDBOX_SYNTAX'
  | 'SANDBOX_THROWN'
  | 'SANDBOX_BAD_RESULT'
  | 'SANDBOX_CRASHED'
  | 'SANDBOX_STACK'
  | 'SANDBOX_BUSY';

export interface SandboxError {
  code: SandboxErrorCode;
  message: string;
  /** 1-based position in the user's source, when known. */
  line?: number;
  column?: number;
}

/** The console method decides it: log and info are info, debug and trace are debug. */
export type SandboxLogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface SandboxLogLine {
  level: SandboxLogLevel;
  message: string;
}

export type SandboxResult =
  | { ok: true; value: unknown; durationMs: number; logs: SandboxLogLine[] }
  | { ok: false; error: SandboxError; durationMs: number; logs: SandboxLogLine[] };
