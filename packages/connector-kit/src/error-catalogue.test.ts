import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, errorSpec, isErrorCode } from './error-catalogue.ts';
import { CancelError, RetryError, WeftError, weftError } from './errors.ts';

describe('the error catalogue', () => {
  it('gives every code an error status, a retry advice and a sentence', () => {
    for (const [code, spec] of Object.entries(ERROR_CATALOGUE)) {
      expect(code, code).toMatch(/^([a-z]+\.[a-z_]+|SANDBOX_[A-Z_]+)$/);
      expect(spec.status, code).toBeGreaterThanOrEqual(400);
      expect(spec.status, code).toBeLessThanOrEqual(599);
      expect(['retry', 'never'], code).toContain(spec.retry);
      expect(spec.sentence, code).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('knows its own codes and no others, not even inherited names', () => {
    expect(isErrorCode('flow.not_found')).toBe(true);
    expect(errorSpec('flow.not_found')).toMatchObject({ status: 404, retry: 'never' });
    expect(isErrorCode('acme.crm.rate_limited')).toBe(false);
    expect(errorSpec('toString')).toBeUndefined();
    expect(errorSpec('__proto__')).toBeUndefined();
  });
});

describe('when code raises a catalogued error', () => {
  it('takes the status and retry advice from the catalogue', () => {
    const error = new WeftError('flow.not_running', 'The called flow f-1 is stopped.');
    expect(error).toMatchObject({ code: 'flow.not_running', status: 409, retry: 'never', message: 'The called flow f-1 is stopped.' });
  });

  it('uses the sentence when weftError gets no message, and keeps path, details and cause', () => {
    const cause = new Error('underneath');
    const error = weftError('log.bad_cursor', undefined, { path: 'cursor', details: { at: 1 }, cause });
    expect(error).toBeInstanceOf(WeftError);
    expect(error).toMatchObject({ code: 'log.bad_cursor', status: 400, retry: 'never', path: 'cursor', details: { at: 1 }, message: ERROR_CATALOGUE['log.bad_cursor'].sentence });
    expect(error.cause).toBe(cause);
  });

  it('agrees with the catalogue for CancelError and RetryError', () => {
    expect(new CancelError('no')).toMatchObject({ code: 'component.cancelled', ...pick(ERROR_CATALOGUE['component.cancelled']) });
    expect(new RetryError('later')).toMatchObject({ code: 'component.retry', ...pick(ERROR_CATALOGUE['component.retry']) });
  });
});

describe('when a connector raises a code of its own', () => {
  it('keeps what it passes, or 500 and retry', () => {
    expect(new WeftError('acme.crm.rate_limited', 'Slow down.')).toMatchObject({ status: 500, retry: 'retry' });
    expect(new WeftError('acme.crm.gone', 'Gone.', { status: 410, retry: 'never' })).toMatchObject({ status: 410, retry: 'never' });
  });
});

function pick(spec: { status: number; retry: string }) {
  return { status: spec.status, retry: spec.retry };
}
