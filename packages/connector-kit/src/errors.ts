/** @module Errors: one error type with a stable code that also tells the retry machinery what to do. */
import { ERROR_CATALOGUE, errorSpec, type ErrorCode } from './error-catalogue.ts';

export type RetryAdvice = 'retry' | 'never';

export interface WeftErrorOptions {
  retry?: RetryAdvice;
  /** JSON path of the offending field, e.g. `flow.a1.config.properties.url`. */
  path?: string;
  status?: number;
  details?: unknown;
  cause?: unknown;
}

/**
 * A code listed in the error catalogue takes its status and retry advice from there unless
 * `options` says otherwise; any other code gets 500 and 'retry' unless `options` says otherwise.
 */
export class WeftError extends Error {
  readonly code: string;
  readonly retry: RetryAdvice;
  readonly path: string | undefined;
  readonly status: number;
  readonly details: unknown;

  constructor(code: string, message: string, options: WeftErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WeftError';
    this.code = code;
    const spec = errorSpec(code);
    this.retry = options.retry ?? spec?.retry ?? 'retry';
    this.path = options.path;
    this.status = options.status ?? spec?.status ?? 500;
    this.details = options.details;
  }
}

/** Thrown by a component when retrying cannot help (bad input, a 4xx from a service). */
export class CancelError extends WeftError {
  constructor(message: string, options: Omit<WeftErrorOptions, 'retry'> = {}) {
    super('component.cancelled', message, { ...options, retry: 'never', status: options.status ?? 422 });
    this.name = 'CancelError';
  }
}

/** Thrown by a component that wants another attempt, optionally after a given delay. */
export class RetryError extends WeftError {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: Omit<WeftErrorOptions, 'retry'> & { retryAfterMs?: number } = {}) {
    super('component.retry', message, { ...options, retry: 'retry' });
    this.name = 'RetryError';
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** A WeftError for a catalogued code, with the catalogue's status and retry advice, and its sentence when no message is given. */
export function weftError(code: ErrorCode, message?: string, options: Omit<WeftErrorOptions, 'status' | 'retry'> = {}): WeftError {
  return new WeftError(code, message ?? ERROR_CATALOGUE[code].sentence, options);
}

export function isWeftError(value: unknown): value is WeftError {
  return value instanceof WeftError;
}

/** Never-returning guard for exhaustive switches over discriminated unions. */
export function assertNever(value: never, what = 'value'): never {
  throw new WeftError('internal.unexpected', `Unexpected ${what}: ${JSON.stringify(value)}`, { retry: 'never' });
}
