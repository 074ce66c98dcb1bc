/**
 * @module Catalogued error: what the contract suites check when an adapter refuses something. It
 * must be a WeftError with the expected code, and its status and retry advice must be the error
 * catalogue's, so the same refusal looks the same whichever adapter is plugged in.
 */
import { ERROR_CATALOGUE, isWeftError, type ErrorCode } from '@weft/connector-kit';
import { expect } from 'vitest';

export function expectCataloguedError(error: unknown, code: ErrorCode, extra: Record<string, unknown> = {}): void {
  expect(isWeftError(error), `expected a WeftError ${code}, got ${String(error)}`).toBe(true);
  const { status, retry } = ERROR_CATALOGUE[code];
  expect(error).toMatchObject({ code, status, retry, ...extra });
}

/** The error `promise` rejects with; fails when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => expect.fail(`expected a rejection, got ${JSON.stringify(value)}`),
    (error: unknown) => error,
  );
}
