/**
 * @module Id shape: whether text pasted into the search box is a run's correlation id or a message id,
 * so the widget can show that run instead of searching payloads for it.
 */

/** Correlation ids and trigger message ids: UUIDs. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Derived message ids: 24 base64url characters (a hash); `~n` marks a retried, parked copy. */
const DERIVED = /^[A-Za-z0-9_-]{24}(~\d+)?$/;

/** True for one token shaped like a correlation or message id; words and sentences are searched as text. */
export function looksLikeRunId(text: string): boolean {
  const token = text.trim();
  if (UUID.test(token)) return true;
  // A hash has digits or mixes cases; a 24-letter word does not look like one.
  return DERIVED.test(token) && /\d/.test(token) && /[A-Za-z]/.test(token);
}

/** The id a retried copy was parked under names the same message. */
export function messageIdOf(text: string): string {
  return text.trim().replace(/~\d+$/, '');
}
