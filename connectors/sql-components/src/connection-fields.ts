/** @module Connection fields: the account fields every SQL connector asks for, checked, in the shape `pg` and `mysql2` both take. */
import { WeftError } from '@weft/connector-kit';

export interface ConnectionFields {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  /** Present when the account asks for TLS: the server's certificate is checked. */
  ssl?: { rejectUnauthorized: true };
}

/** The account's `host`, `port`, `database`, `user`, `password`, `ssl`; a missing one is named. */
export function connectionFields(fields: Readonly<Record<string, string>>, defaultPort: number): ConnectionFields {
  const missing = (['host', 'database', 'user'] as const).filter((name) => !fields[name]?.trim());
  if (missing.length > 0) {
    throw new WeftError('sql.account_incomplete', `The account has no ${missing.join(', ')}; complete it under Accounts.`, { status: 422, path: 'properties.account', retry: 'never' });
  }
  const port = Number(fields.port);
  return {
    host: fields.host!.trim(),
    port: Number.isInteger(port) && port > 0 && port < 65536 ? port : defaultPort,
    database: fields.database!.trim(),
    user: fields.user!.trim(),
    ...(fields.password ? { password: fields.password } : {}),
    ...(fields.ssl === 'true' ? { ssl: { rejectUnauthorized: true } } : {}),
  };
}
