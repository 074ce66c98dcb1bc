/** @module API environment: what middleware puts on the Hono context. */
import type { UserRecord } from '../ports/store.ts';
import type { AuditRecorder } from '../audit/audit-trail.ts';

export interface ApiEnv {
  Variables: {
    user: UserRecord;
    tokenHash: string;
    /** How deep a JSON body may nest (`WEFT_MAX_JSON_DEPTH`), for `readBody`. */
    maxJsonDepth: number;
    /** Records an act in the audit log (audit/audit-trail.ts). */
    audit: AuditRecorder;
  };
}
