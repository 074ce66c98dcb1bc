/** @module ApiError: every failed call of the client, with the server's stable error code. */
import type { Flow } from './schemas.ts';

export interface ApiErrorInit {
  status: number;
  code: string;
  message: string;
  path?: string | undefined;
  details?: unknown;
  current?: Flow | undefined;
  cause?: unknown;
}

/**
 * `status` is the HTTP status (0 when the request never got an answer), `code` the server's
 * dotted code (`flow.conflict`, `auth.required`…) or `network.failed` / `response.invalid`.
 * A 409 on `updateFlow` carries the server's `current` flow so the caller can merge or reload.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly path: string | undefined;
  readonly details: unknown;
  readonly current: Flow | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.path = init.path;
    this.details = init.details;
    this.current = init.current;
  }

  /** Worth trying again later: the network, a 5xx, or 429. A 4xx will fail the same way. */
  get isRetryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}
