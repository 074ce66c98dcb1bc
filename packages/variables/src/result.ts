/** @module Result: the `{ ok, value } | { ok, error }` shape pure functions return for expected failures. */

export type Result<T, E = VariableError> = { ok: true; value: T } | { ok: false; error: E };

/** Why a template could not be parsed or evaluated; `at` is an offset in the template text. */
export interface VariableError {
  code: 'variable.malformed' | 'variable.too_deep' | 'modifier.unknown' | 'modifier.failed' | 'modifier.bad_args';
  message: string;
  at?: number;
  modifier?: string;
}

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}
