/** @module Connection fields: the account fields every SQL connector asks for, checked and typed. */
import { WeftError } from '@weft/connector-kit';

export interface ConnectionFields {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  /** Connect over TLS, checking the server's certificate. */
  ssl: boolean;
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
    ssl: fields.ssl === 'true',
  };
}
