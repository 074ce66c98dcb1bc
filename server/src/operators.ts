/**
 * @module Operators: accounts with the admin role, made from the command line (`weft users
 * create-operator`), never by signing up. Without a password the operator gets a one-time link to set one.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Credentials } from '@weft/api-client';
import { WeftError } from '@weft/connector-kit';
import { hashPassword } from './api/auth.ts';
import { assertStrongPassword } from './api/password-policy.ts';
import { createSetPasswordLink, type SetPasswordLink } from './api/set-password-links.ts';
import type { Role, Store, UserRecord } from './ports/store.ts';
import { createPersonalUser } from './tenancy/tenants.ts';

export type StaffRole = Extract<Role, 'admin' | 'support'>;

export interface CreateOperatorOptions {
  email: string;
  /** `admin` (an operator, the default) or `support` (reads every tenant, writes nothing but retries). */
  role?: StaffRole;
  /** Without it, the answer carries a one-time link to set the password. */
  password?: string | undefined;
  /**
   * The email already has an account: make it an operator anyway, with a new password (or link), and
   * end its sessions, so whoever signed up with that address first keeps nothing.
   */
  takeOver?: boolean;
  publicUrl: string;
  linkTtlMs: number;
  now?: number;
}

export interface CreatedOperator {
  user: UserRecord;
  /** False when an existing account was taken over. */
  created: boolean;
  link?: SetPasswordLink;
}

function parseEmail(email: string): string {
  const parsed = Credentials.shape.email.safeParse(email);
  if (!parsed.success) throw new WeftError('request.invalid', `"${email}" is not an email address.`, { status: 400, path: 'email', retry: 'never' });
  return parsed.data;
}

export async function createOperator(store: Store, options: CreateOperatorOptions): Promise<CreatedOperator> {
  const email = parseEmail(options.email);
  const now = options.now ?? Date.now();
  if (options.password !== undefined) assertStrongPassword(options.password, email, 'password');
  // No password yet: a random one nobody knows, until the link sets a real one.
  const passwordHash = await hashPassword(options.password ?? randomBytes(32).toString('base64url'));
  const existing = await store.getUserByEmail(email);
  const role = options.role ?? 'admin';
  let user: UserRecord;
  if (existing) {
    if (!options.takeOver) {
      throw new WeftError('user.exists', `${email} already has an account (role ${existing.role}), which anyone may have signed up for. Add --take-over to make it ${role === 'admin' ? 'an operator' : 'a support account'} with a new password: its sessions end.`, { status: 409, retry: 'never' });
    }
    user = (await store.updateUser(existing.id, { role, passwordHash }))!;
    await store.revokeUserTokens(existing.id, now);
  } else {
    user = await createPersonalUser(store, { id: randomUUID(), email, passwordHash, role, disabled: false, createdAt: now });
  }
  const link = options.password === undefined
    ? await createSetPasswordLink(store, user.id, { publicUrl: options.publicUrl, ttlMs: options.linkTtlMs, now })
    : undefined;
  return { user, created: !existing, ...(link ? { link } : {}) };
}

/** Promote or demote; the next request of that user already sees the new role. */
export async function setRole(store: Store, email: string, role: Role): Promise<UserRecord> {
  const user = await store.getUserByEmail(parseEmail(email));
  if (!user) throw new WeftError('user.not_found', `No account for ${email}.`, { status: 404, retry: 'never' });
  return (await store.updateUser(user.id, { role }))!;
}
