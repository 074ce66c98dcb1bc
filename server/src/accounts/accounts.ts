/**
 * @module Accounts: connects, lists, changes, tests and removes a user's accounts, and lends their
 * decrypted credentials to the engine. Secrets exist in plain text only in memory, for one call.
 */
import { randomUUID } from 'node:crypto';
import { WeftError, type AccountAuth } from '@weft/connector-kit';
import { ApiKeyFields, BasicFields, BearerFields, SECRET_MASK, type Account, CreateAccountBody, UpdateAccountBody } from '@weft/api-client';
import type { z } from 'zod';
import { isPublicField, secretForms } from '../connectors/http/apply-account.ts';
import type { ResolvedAccount } from '../engine/component-context.ts';
import type { AccountRecord, Store } from '../ports/store.ts';
import { openAccountSecrets, sealAccountSecrets, type SecretBox } from '../secrets/index.ts';

/** Checks credentials against a URL; resolves to what the service answered. */
export type AccountTester = (auth: AccountAuth, url: string) => Promise<{ ok: boolean; status?: number; message: string }>;

const FIELDS_OF: Record<string, z.ZodType<Record<string, string>>> = { bearer: BearerFields, apiKey: ApiKeyFields, basic: BasicFields };

export class Accounts {
  constructor(
    private readonly store: Store,
    private readonly box: SecretBox | undefined,
    private readonly tester: AccountTester,
    private readonly now: () => number = Date.now,
  ) {}

  async list(userId: string): Promise<Account[]> {
    return (await this.store.listAccounts({ userId, limit: 1000 })).map(publicAccount);
  }

  async get(userId: string, id: string): Promise<Account> {
    return publicAccount(await this.#owned(userId, id));
  }

  /** Tests the credentials first when a `testUrl` is given: refused ones are not stored (422 `account.test_failed`). */
  async create(userId: string, body: z.output<typeof CreateAccountBody>): Promise<Account> {
    const box = this.#box();
    const id = `acc_${randomUUID().replaceAll('-', '')}`;
    const fields: Record<string, string> = { ...body.fields };
    if (body.testUrl !== undefined) await this.#mustPass({ accountId: id, type: body.type, fields }, body.testUrl);
    const now = this.now();
    const record: AccountRecord = {
      id, userId, type: body.type, name: body.name,
      fields: { ...publicPart(body.type, fields), ...(body.testUrl === undefined ? {} : { testUrl: body.testUrl }) },
      sealed: sealAccountSecrets(box, id, secretPart(body.type, fields)),
      profile: {}, status: 'valid', createdAt: now, updatedAt: now,
    };
    await this.store.createAccount(record);
    return publicAccount(record);
  }

  /** Rename, or new field values (merged with the stored ones, then checked for the type). */
  async update(userId: string, id: string, body: z.output<typeof UpdateAccountBody>): Promise<Account> {
    const current = await this.#owned(userId, id);
    const patch: Parameters<Store['updateAccount']>[2] = {};
    if (body.name !== undefined) patch.name = body.name;
    const testUrl = body.testUrl === null ? undefined : (body.testUrl ?? stringOr(current.fields.testUrl));
    if (body.fields !== undefined || body.testUrl !== undefined) {
      const merged = { ...this.#plainFields(current), ...(body.fields ?? {}) };
      const schema = FIELDS_OF[current.type];
      const parsed = schema ? schema.safeParse(merged) : { success: true as const, data: merged };
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const path = ['body', 'fields', ...(issue?.path ?? []).map(String)].join('.');
        throw new WeftError('request.invalid', `${path}: ${issue?.message ?? 'invalid'}`, { path });
      }
      if (body.fields !== undefined && testUrl !== undefined) await this.#mustPass({ accountId: id, type: current.type, fields: parsed.data }, testUrl);
      patch.fields = { ...publicPart(current.type, parsed.data), ...(testUrl === undefined ? {} : { testUrl }) };
      if (body.fields !== undefined) {
        patch.sealed = sealAccountSecrets(this.#box(), id, secretPart(current.type, parsed.data));
        // New credentials: a reconnect clears an earlier failure.
        patch.status = 'valid';
        patch.statusReason = null;
      }
    }
    const updated = await this.store.updateAccount(id, userId, patch);
    if (!updated) throw notFound(id);
    return publicAccount(updated);
  }

  /** Tests against `url` or the stored test URL; the outcome becomes the account's status. */
  async test(userId: string, id: string, url: string | undefined): Promise<{ ok: boolean; status?: number; message: string; account: Account }> {
    const account = await this.#owned(userId, id);
    const target = url ?? stringOr(account.fields.testUrl);
    if (target === undefined) throw new WeftError('request.invalid', 'body.url: this account has no test URL; give one to test against.', { path: 'body.url' });
    const outcome = await this.tester(this.#auth(account), target);
    const updated = await this.store.updateAccount(id, userId, outcome.ok ? { status: 'valid', statusReason: null } : { status: 'invalid', statusReason: outcome.message });
    return { ...outcome, account: publicAccount(updated ?? account) };
  }

  /** The running flows of `userId` whose components name the account. */
  async usedBy(userId: string, id: string): Promise<{ flowId: string; name: string }[]> {
    const users: { flowId: string; name: string }[] = [];
    for (let offset = 0; ; offset += 100) {
      const { items } = await this.store.listFlows({ userId, stage: 'running', limit: 100, offset });
      for (const flow of items) if (namesAccount(flow.flow, id)) users.push({ flowId: flow.flowId, name: flow.name });
      if (items.length < 100) return users;
    }
  }

  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.store.deleteAccount(id, userId))) throw notFound(id);
  }

  /** For the engine: the owner's account, decrypted, with its secrets in every written form. */
  resolve = async (userId: string, id: string): Promise<ResolvedAccount> => {
    const account = await this.store.getAccount(id, userId);
    if (!account) throw new WeftError('account.not_found', `The account "${id}" does not exist or is not the flow owner's; choose another account in the component's properties.`, { path: 'properties.account' });
    if (account.status === 'invalid') {
      throw new WeftError('account.invalid', `The account "${account.name}" is marked invalid${account.statusReason ? ` (${account.statusReason})` : ''}; reconnect it, then retry this message.`, { path: 'properties.account' });
    }
    const auth = this.#auth(account);
    return { auth, secrets: secretForms(auth) };
  };

  async #owned(userId: string, id: string): Promise<AccountRecord> {
    const account = await this.store.getAccount(id, userId);
    if (!account) throw notFound(id);
    return account;
  }

  #auth(account: AccountRecord): AccountAuth {
    return { accountId: account.id, type: account.type, fields: this.#plainFields(account) };
  }

  /** Public and secret fields together, decrypted (without the test URL). */
  #plainFields(account: AccountRecord): Record<string, string> {
    const { testUrl: _testUrl, ...rest } = account.fields;
    const visible = Object.fromEntries(Object.entries(rest).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    return { ...visible, ...openAccountSecrets(this.#box(), account.id, account.sealed) };
  }

  #box(): SecretBox {
    if (!this.box) throw new WeftError('secrets.no_key', 'This installation has no key to encrypt secrets with: an operator must set WEFT_SECRET_KEYS before accounts can be connected.');
    return this.box;
  }

  async #mustPass(auth: AccountAuth, url: string): Promise<void> {
    const outcome = await this.tester(auth, url);
    if (!outcome.ok) throw new WeftError('account.test_failed', `The credentials were not accepted: ${outcome.message}`, { path: 'body.fields', details: { status: outcome.status } });
  }
}

/** What the API shows: secret fields as `••••`, never a value. */
export function publicAccount(account: AccountRecord): Account {
  const { testUrl, ...visible } = account.fields;
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(visible)) fields[name] = String(value);
  for (const name of SECRET_FIELDS[account.type] ?? []) fields[name] = SECRET_MASK;
  return {
    id: account.id, type: account.type, name: account.name,
    ...(account.connector === undefined ? {} : { connector: account.connector }),
    fields,
    ...(typeof testUrl === 'string' ? { testUrl } : {}),
    profile: account.profile, status: account.status,
    ...(account.statusReason === undefined ? {} : { statusReason: account.statusReason }),
    createdAt: account.createdAt, updatedAt: account.updatedAt,
    ...(account.lastUsedAt === undefined ? {} : { lastUsedAt: account.lastUsedAt }),
  };
}

const SECRET_FIELDS: Record<string, readonly string[]> = { bearer: ['token'], apiKey: ['value'], basic: ['password'] };

function publicPart(type: string, fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => isPublicField(type, name)));
}

function secretPart(type: string, fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => !isPublicField(type, name)));
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function namesAccount(descriptor: Record<string, unknown>, id: string): boolean {
  return Object.values(descriptor).some((component) => {
    const properties = (component as { config?: { properties?: { account?: unknown } } } | null)?.config?.properties;
    return typeof properties?.account === 'string' && properties.account.trim() === id;
  });
}

function notFound(id: string): WeftError {
  return new WeftError('account.not_found', `No account "${id}" here.`, { path: 'params.id' });
}

