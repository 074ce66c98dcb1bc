/**
 * @module `weft users …`: account commands an operator runs where Weft runs (same environment,
 * same Store), e.g. `weft users create-operator --email ada@example.com`.
 */
import { parseArgs } from 'node:util';
import { isWeftError } from '@weft/connector-kit';
import { openAuditLog, openStore } from './adapters/index.ts';
import { cliActor, writeAudit } from './audit/audit-trail.ts';
import type { Config } from './config.ts';
import { createOperator, setRole } from './operators.ts';
import { withSecretValues } from './cli-args.ts';

const USAGE = `Usage:
  weft users create-operator --email <address> [--password <password>] [--take-over]
      Creates an operator (role admin). Without --password it prints a one-time link to set the
      password (valid WEFT_SET_PASSWORD_TTL_HOURS); prefer it: a password on the command line stays
      in the shell's history. --take-over: the email already has an account; make it an operator
      with a new password and end its sessions.
  weft users create-support --email <address> [--password <password>] [--take-over]
      Creates a support account (role support): reads flows, logs and unprocessed messages of every
      tenant and may retry unprocessed messages; changes nothing else. Same options as above.
  weft users set-role --email <address> --role admin|support|user
      Promotes or demotes an account; it takes effect at its next request.`;

/** Runs the command; resolves to the process exit code. */
export async function runUsersCommand(args: readonly string[], config: Config, out: (line: string) => void = console.log): Promise<number> {
  const [sub, ...rest] = args;
  let values: { email?: string | undefined; password?: string | undefined; role?: string | undefined; 'take-over'?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: withSecretValues(rest),
      options: { email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' }, 'take-over': { type: 'boolean' } },
      strict: true,
    }));
  } catch (error) {
    out(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const isRole = (role: string | undefined): role is 'admin' | 'support' | 'user' => role === 'admin' || role === 'support' || role === 'user';
  const known = sub === 'create-operator' || sub === 'create-support' || (sub === 'set-role' && isRole(values.role));
  if (!known || values.email === undefined) {
    out(USAGE);
    return 2;
  }
  const store = await openStore(config);
  const audit = await openAuditLog(config);
  try {
    if (sub === 'set-role') {
      const before = await store.getUserByEmail(values.email.trim().toLowerCase());
      const user = await setRole(store, values.email, values.role as 'admin' | 'support' | 'user');
      await writeAudit(audit, cliActor(), 'user.role_change', { target: { type: 'user', id: user.id }, tenantId: user.tenantId, details: { email: user.email, from: before?.role, to: user.role } });
      out(`${user.email} now has the role ${user.role}.`);
      return 0;
    }
    const publicUrl = config.WEFT_PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
    const { user, created, link } = await createOperator(store, {
      email: values.email, password: values.password, takeOver: values['take-over'] === true, role: sub === 'create-support' ? 'support' : 'admin',
      publicUrl, linkTtlMs: config.WEFT_SET_PASSWORD_TTL_HOURS * 3_600_000,
    });
    await writeAudit(audit, cliActor(), created ? 'user.create' : 'user.role_change', { target: { type: 'user', id: user.id }, tenantId: user.tenantId, details: { email: user.email, role: user.role, takeOver: !created } });
    out(`${created ? 'Created' : 'Took over'} ${sub === 'create-support' ? 'support account' : 'operator'} ${user.email} (id ${user.id}).`);
    if (link) {
      out(`Send this link to its owner; it sets the password once, until ${new Date(link.expiresAt).toISOString()}:`);
      out(link.url);
    }
    return 0;
  } catch (error) {
    out(isWeftError(error) ? `${error.message}` : String(error));
    return 1;
  } finally {
    await audit.close();
    await store.close();
  }
}
