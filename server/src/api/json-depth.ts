/** @module JSON depth: refuse a request body nested deeper than the limit, before it is parsed. */
import { WeftError } from '@weft/connector-kit';

/** Used when the app is built without a limit (tests of single routes); `WEFT_MAX_JSON_DEPTH` sets it. */
export const DEFAULT_MAX_JSON_DEPTH = 64;

/**
 * How deep the arrays and objects of a JSON text nest, counted by one scan of its characters
 * (brackets inside strings do not count). The scan stops as soon as the depth passes `max`.
 * JSON.parse copes with any depth, but JSON.stringify, structuredClone and every recursive walk
 * overflow the stack on a value a few thousand levels deep: such a body never gets that far.
 *
 * A string is skipped with `indexOf` to its closing quote (one not escaped: an even number of
 * backslashes before it) rather than a character at a time: most of a flow's text is strings, and
 * the scan of a 1,000-component flow (~250 KB) fell from ~2 ms (8–12 ms the first time) to ~0.6 ms.
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  // Nesting deeper than `max` takes more than `max` opening brackets.
  if (text.length <= max) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34 /* " */) {
      let end = text.indexOf('"', i + 1);
      while (end !== -1 && escapedAt(text, end)) end = text.indexOf('"', end + 1);
      // A string that never ends holds the rest of the text: no bracket after it counts.
      if (end === -1) return false;
      i = end;
    } else if (ch === 91 /* [ */ || ch === 123 /* { */) {
      depth += 1;
      if (depth > max) return true;
    } else if (ch === 93 /* ] */ || ch === 125 /* } */) {
      depth -= 1;
    }
  }
  return false;
}

/** The quote at `at` follows an odd number of backslashes: it is part of the string. */
function escapedAt(text: string, at: number): boolean {
  let slashes = 0;
  for (let j = at - 1; text.charCodeAt(j) === 92 /* \ */; j--) slashes++;
  return slashes % 2 === 1;
}

/** 400 `request.too_deep` when the JSON text nests deeper than `max`. */
export function assertJsonDepth(text: string, max: number, path = 'body'): void {
  if (jsonDepthExceeds(text, max)) {
    throw new WeftError('request.too_deep', `The body nests arrays and objects more than ${max} levels deep; nothing was accepted. Send a flatter body.`, {
      status: 400, path, retry: 'never',
    });
  }
}
