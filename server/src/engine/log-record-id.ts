/**
 * @module Log record ids: every id the engine files a log record under, derived from the message
 * (or run) it is about, so a redelivered message, or a fused step run again, files the same ids and
 * the index keeps each record once.
 *
 * - `<messageId>:in`, `<messageId>:out:<n>`: a receive's input and its n-th send.
 * - `<messageId>:error:<retries>:<attempt>`: a failed attempt (a retry is a new event, a redelivery is not).
 * - `<messageId>:error`: a tick that failed; `<messageId>:dropped`: a message whose flow went away.
 * - `<messageId>:log:<retries>:<attempt>:<n>` / `…:dropped`: `context.log` lines (component-context.ts).
 * - `<correlationId>:cancel`: a run cancelled by a person.
 * - `log-quota:<userId>:<day>`: the one record saying a user's daily log quota ran out (log-quota.ts).
 */

export type LogRecordKind = 'in' | 'out' | 'error' | 'dropped' | 'log' | 'cancel';

/** The id of a log record of `kind` about message (or run) `of`, with the parts that tell its events apart. */
export function logRecordId(of: string, kind: LogRecordKind, ...parts: (string | number)[]): string {
  return parts.length === 0 ? `${of}:${kind}` : `${of}:${kind}:${parts.join(':')}`;
}

/** The one record of a day saying `userId`'s log quota ran out (`day`: days since the epoch). */
export function quotaRecordId(userId: string, day: number): string {
  return `log-quota:${userId}:${day}`;
}
