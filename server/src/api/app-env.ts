/** @module API environment: what middleware puts on the Hono context. */
import type { UserRecord } from '../ports/store.ts';

export interface ApiEnv {
  Variables: {
    user: UserRecord;
    tokenHash: string;
  };
}
