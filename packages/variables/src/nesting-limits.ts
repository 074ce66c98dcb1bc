/**
 * @module Nesting limits: how deep a lambda, a modifier's arguments and a path may go. Every walk of
 * them recurses, and a value a few thousand levels deep overflows the stack (a RangeError, not an
 * answer); these limits turn that into a `variable.too_deep` error that says where.
 */

/** Objects and arrays in one lambda, counting the lambda itself. */
export const MAX_LAMBDA_DEPTH = 32;
/** Arrays and objects in the JSON arguments of one modifier call: `default([[…]])`. */
export const MAX_ARGUMENT_DEPTH = 32;
/** Steps in one path: `$.a.out.b[0].c` has 3, and each `[*]` walks one level more. */
export const MAX_PATH_STEPS = 64;

/** V8's only sign of a stack overflow: a RangeError with this message. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}
