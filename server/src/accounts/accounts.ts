/**
 * @module Accounts: connects, lists, changes, tests and removes a user's accounts, and lends their
 * decrypted credentials to the engine. Secrets exist in plain text only in memory, for one call.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkAuthFields, WeftError, type AccountAuth, type AuthFieldProblem, type ConnectorAuth, type ConnectorAuthHooks } from '@weft/connector-kit';
import { ApiKeyFields, BasicFields, BearerFields, SECRET_MASK, type Account, type ConnectorAccountBody, type ConnectorAccountType, CreateAccountBody, UpdateAccountBody } from '@weft/api-client';
import type { z } from 'zod';
import { isPublicField, secretForms } from '../connectors/http/apply-account.ts';
import { scrubSecrets } from '../engine/redact.ts';
import type { ResolvedAccount } from '../engine/component-context.ts';
import type { AccountPatch, AccountRecord, Store } from '../ports/store.ts';
import { openAccountSecrets, sealAccountSecrets, type SecretBox } from '../secrets/index.ts';
import type { TokenAnswer, TokenEndpoint } from './token-endpoint.ts';

/** Checks credentials against a URL; resolves to what the service answered. */
export type AccountTester = (auth: AccountAuth, url: string) => Promise<{ ok: boolean; status?: number; message: string }>;

const FIELDS_OF: Record<string, z.ZodType<Record<string, string>>> = { bearer: BearerFields, apiKey: ApiKeyFields, basic: BasicFields };

/** An OAuth 2 access token is renewed when it has less than this left. */
export const REFRESH_SKEW_MS = 60_000;
/** How long a refresh lease lasts (a holder that dies frees it then), and how long others wait for its result. */
const REFRESH_LEASE_MS = 30_000;
const REFRESH_POLL_MS = 50;
/** `lastUsedAt` is written at most this often per account: a busy flow must not write on every delivery. */
export const LAST_USED_EVERY_MS = 60_000;

/** What a loaded connector package declares about its accounts: `weft.auth` and the hooks its module exports. */
export interface ConnectorAuthSource {
  auth: ConnectorAuth;
  hooks?: ConnectorAuthHooks | undefined;
}
export type ConnectorAuthLookup = (connector: string) => ConnectorAuthSource | undefined;
/** Every loaded connector that declares accounts, with its label and icon (for the connect form). */
export type ConnectorAuthList = () => (ConnectorAuthSource & { connector: string; label: string; icon?: string | undefined })[];

/**
 * Key in a connector account's plain `fields` listing its secret (`password`) field names, so
 * answers can mask them without opening the seal. Declared field names cannot hold a `-`.
 */
const SECRET_NAMES = 'secret-fields';
/** A connector's `test`/`profile` hook that takes longer is given up on (its error says so). */
const HOOK_TIMEOUT_MS = 15_000;

/** An account turned invalid (a refresh or test failed for good) or valid again (reconnected). */
export interface AccountStatusChange {
  type: 'account.invalid' | 'account.reconnected';
  userId: string;
  account: Account;
}
export type AccountListener = (change: AccountStatusChange) => void | Promise<void>;

export interface OAuthAccountInput {
  name: string;
  /** The connector whose `oauth2` block and operator config this account comes from. */
  connector?: string | undefined;
  grant: 'authorization_code' | 'client_credentials';
  authorizationUrl?: string | undefined;
  tokenUrl: string;
  clientId: string;
  clientSecret?: string | undefined;
  scopes: readonly string[];
}

export class Accounts {
  /** Refreshes in flight in this process, by account id: concurrent deliveries share one. */
  readonly #refreshing = new Map<string, Promise<AccountRecord>>();
  #connectorAuth: ConnectorAuthLookup = () => undefined;
  #connectorAuths: ConnectorAuthList = () => [];
  readonly #listeners: AccountListener[] = [];
  /** When this process last wrote each account's `lastUsedAt` (concurrent deliveries write once). */
  readonly #lastUsedWritten = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly box: SecretBox | undefined,
    private readonly tester: AccountTester,
    private readonly tokenEndpoint?: TokenEndpoint,
    private readonly now: () => number = Date.now,
  ) {}

  /** Told when an account turns invalid or valid again (the runtime notifies operators and retries parked messages). */
  onStatusChange(listener: AccountListener): void {
    this.#listeners.push(listener);
  }

  /** Applies `patch` to the stored account, then tells the listeners if it turned invalid or valid again. */
  async #save(before: AccountRecord, patch: AccountPatch): Promise<AccountRecord | undefined> {
    const after = await this.store.updateAccount(before.id, before.userId, patch);
    const turned = !after ? undefined : after.status === 'invalid' && before.status !== 'invalid' ? 'invalid' : after.status === 'valid' && before.status === 'invalid' ? 'valid' : undefined;
    if (after && turned) {
      for (const listener of this.#listeners) {
        try {
          await listener({ type: turned === 'invalid' ? 'account.invalid' : 'account.reconnected', account: publicAccount(after), userId: after.userId });
        } catch {
          // A listener's failure (a notification, a retry) never undoes the change of status.
        }
      }
    }
    return after;
  }

  /**
   * New tokens for an existing OAuth 2 account (reconnect through the popup): its id stays, so the
   * flows naming it keep working; an invalid account is valid again.
   */
  async reconnectOAuth(userId: string, id: string, input: OAuthAccountInput, tokens: TokenAnswer): Promise<Account> {
    const current = await this.#owned(userId, id);
    if (current.type !== 'oauth2') throw new WeftError('request.invalid', `body.accountId: "${current.name}" is not an OAuth 2 account.`, { path: 'body.accountId' });
    const updated = await this.#save(current, {
      fields: oauthFields(input, tokens),
      sealed: sealAccountSecrets(this.#box(), id, oauthSecrets(input.clientSecret, tokens)),
      status: 'valid', statusReason: null,
    });
    if (!updated) throw notFound(id);
    return publicAccount(updated);
  }

  /** Where connectors' declared auth comes from (the loaded connector packages; wired after both exist). */
  useConnectorAuth(lookup: ConnectorAuthLookup, list: ConnectorAuthList = () => []): void {
    this.#connectorAuth = lookup;
    this.#connectorAuths = list;
  }

  /** `GET /accounts/types`: what each connector's account form asks for (no hooks, no secrets). */
  connectorTypes(): ConnectorAccountType[] {
    return this.#connectorAuths()
      .map(({ connector, label, icon, auth }) => ({
        connector, label, ...(icon === undefined ? {} : { icon }), type: auth.type,
        fields: Object.fromEntries(Object.entries(auth.fields ?? {}).map(([name, field]) => [name, { ...field }])),
      }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }

  /** The auth a connector declares; `connector.not_found` when no loaded connector declares one. */
  connectorAuth(connector: string, path = 'body.connector'): ConnectorAuthSource {
    const source = this.#connectorAuth(connector);
    if (!source) throw new WeftError('connector.not_found', `No installed connector "${connector}" declares accounts (a "weft.auth" block).`, { status: 404, path, retry: 'never' });
    return source;
  }

  /** A connector's declared OAuth 2 provider in `OAuthDefinition` terms (empty when it declares none). */
  declaredOAuth(connector: string): Record<string, unknown> {
    const oauth2 = this.#connectorAuth(connector)?.auth.oauth2;
    if (!oauth2) return {};
    return {
      authorizationUrl: oauth2.authUrl, tokenUrl: oauth2.tokenUrl,
      ...(oauth2.scopes === undefined ? {} : { scopes: oauth2.scopes }),
      ...(oauth2.pkce === undefined ? {} : { pkce: oauth2.pkce }),
    };
  }

  /** Stores an OAuth 2 account from the tokens of a finished grant. */
  async createOAuth(userId: string, input: OAuthAccountInput, tokens: TokenAnswer): Promise<Account> {
    const box = this.#box();
    const id = `acc_${randomUUID().replaceAll('-', '')}`;
    const now = this.now();
    const record: AccountRecord = {
      id, userId, type: 'oauth2', name: input.name,
      ...(input.connector === undefined ? {} : { connector: input.connector }),
      fields: oauthFields(input, tokens),
      sealed: sealAccountSecrets(box, id, oauthSecrets(input.clientSecret, tokens)),
      profile: {}, status: 'valid', createdAt: now, updatedAt: now,
    };
    await this.store.createAccount(record);
    return publicAccount(record);
  }

  /** Seal a value outside any account (OAuth state: the PKCE verifier, a client secret), bound to `context`. */
  sealFor(context: string, value: string): string {
    return this.#box().seal(value, context);
  }

  openFor(context: string, sealed: string): string {
    return this.#box().open(sealed, context);
  }

  async list(userId: string): Promise<Account[]> {
    return (await this.store.listAccounts({ userId, limit: 1000 })).map(publicAccount);
  }

  async get(userId: string, id: string): Promise<Account> {
    return publicAccount(await this.#owned(userId, id));
  }

  /** Tests the credentials first when a `testUrl` is given: refused ones are not stored (422 `account.test_failed`). */
  async create(userId: string, body: z.output<typeof CreateAccountBody>): Promise<Account> {
    if ('connector' in body) return this.#createForConnector(userId, body);
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

  /**
   * A connector's own account: the fields checked against its `weft.auth.fields` (`password` ones
   * sealed, the others plain), then its `test` hook (refused: 422 `account.test_failed`, nothing
   * stored) and `profile` hook, both with every field decrypted.
   */
  async #createForConnector(userId: string, body: z.output<typeof ConnectorAccountBody>): Promise<Account> {
    const box = this.#box();
    const source = this.connectorAuth(body.connector);
    if (source.auth.type === 'oauth2') {
      throw new WeftError('request.invalid', `body.connector: "${body.connector}" connects through OAuth 2; start it with POST /accounts/oauth/start { connector }.`, { path: 'body.connector' });
    }
    const checked = checkAuthFields(source.auth, body.fields);
    if (!checked.ok) throw fieldsRefused(checked.problems);
    const id = `acc_${randomUUID().replaceAll('-', '')}`;
    const auth: AccountAuth = { accountId: id, type: source.auth.type, fields: { ...checked.plain, ...checked.secret } };
    const profile = await this.#runHooks(source, auth, Object.keys(checked.secret));
    const now = this.now();
    const record: AccountRecord = {
      id, userId, type: source.auth.type, name: body.name, connector: body.connector,
      fields: { ...checked.plain, [SECRET_NAMES]: Object.keys(checked.secret) },
      sealed: sealAccountSecrets(box, id, checked.secret),
      profile, status: 'valid', createdAt: now, updatedAt: now,
    };
    await this.store.createAccount(record);
    return publicAccount(record);
  }

  /** Runs the connector's `test` then `profile` hooks; resolves to the profile, or throws `account.test_failed`. */
  async #runHooks(source: ConnectorAuthSource, auth: AccountAuth, secretNames: readonly string[]): Promise<Record<string, unknown>> {
    const { hooks } = source;
    let profile: Record<string, unknown> = {};
    try {
      const tested = hooks?.test ? await withTimeout(hooks.test(auth), 'test') : undefined;
      if (tested && typeof tested === 'object' && tested.profile) profile = { ...tested.profile };
      if (hooks?.profile) profile = { ...(await withTimeout(hooks.profile(auth), 'profile')) };
    } catch (error) {
      // A driver's error may quote what it was given (a connection string): scrub the secrets out.
      const message = scrubSecrets(error instanceof Error ? error.message : String(error), secretForms(auth, secretNames));
      throw new WeftError('account.test_failed', `The credentials were not accepted: ${message}`, { path: 'body.fields' });
    }
    return profile;
  }

  /** Rename, or new field values (merged with the stored ones, then checked for the type). */
  async update(userId: string, id: string, body: z.output<typeof UpdateAccountBody>): Promise<Account> {
    const current = await this.#owned(userId, id);
    const patch: Parameters<Store['updateAccount']>[2] = {};
    if (body.name !== undefined) patch.name = body.name;
    if (current.connector !== undefined && current.type !== 'oauth2') return this.#updateForConnector(current, body, patch);
    const testUrl = body.testUrl === null ? undefined : (body.testUrl ?? stringOr(current.fields.testUrl));
    if (body.fields !== undefined || body.testUrl !== undefined) {
      const merged = { ...this.#plainFields(current), ...stringFields(body.fields) };
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
    const updated = await this.#save(current, patch);
    if (!updated) throw notFound(id);
    return publicAccount(updated);
  }

  /** New values of a connector account's fields: checked as on create, tested again, status valid again. */
  async #updateForConnector(current: AccountRecord, body: z.output<typeof UpdateAccountBody>, patch: Parameters<Store['updateAccount']>[2]): Promise<Account> {
    if (body.fields !== undefined) {
      const source = this.connectorAuth(current.connector!, 'body.fields');
      const checked = checkAuthFields(source.auth, body.fields, this.#plainFields(current));
      if (!checked.ok) throw fieldsRefused(checked.problems);
      const auth: AccountAuth = { accountId: current.id, type: current.type, fields: { ...checked.plain, ...checked.secret } };
      patch.profile = await this.#runHooks(source, auth, Object.keys(checked.secret));
      patch.fields = { ...checked.plain, [SECRET_NAMES]: Object.keys(checked.secret) };
      patch.sealed = sealAccountSecrets(this.#box(), current.id, checked.secret);
      patch.status = 'valid';
      patch.statusReason = null;
    }
    const updated = await this.#save(current, patch);
    if (!updated) throw notFound(current.id);
    return publicAccount(updated);
  }

  /** Tests against `url` or the stored test URL (a connector's account: its `test` hook); the outcome becomes the account's status. */
  async test(userId: string, id: string, url: string | undefined): Promise<{ ok: boolean; status?: number; message: string; account: Account }> {
    const account = await this.#owned(userId, id);
    if (account.connector !== undefined && account.type !== 'oauth2') return this.#testForConnector(account);
    const target = url ?? stringOr(account.fields.testUrl);
    if (target === undefined) throw new WeftError('request.invalid', 'body.url: this account has no test URL; give one to test against.', { path: 'body.url' });
    const outcome = await this.tester(this.#auth(account), target);
    const updated = await this.#save(account, outcome.ok ? { status: 'valid', statusReason: null } : { status: 'invalid', statusReason: outcome.message });
    return { ...outcome, account: publicAccount(updated ?? account) };
  }

  async #testForConnector(account: AccountRecord): Promise<{ ok: boolean; message: string; account: Account }> {
    let outcome: { ok: boolean; message: string };
    const patch: Parameters<Store['updateAccount']>[2] = {};
    try {
      const source = this.connectorAuth(account.connector!, 'params.id');
      patch.profile = await this.#runHooks(source, this.#auth(account), secretNamesOf(account));
      outcome = { ok: true, message: source.hooks?.test ? 'The connector accepted the credentials.' : 'This connector has no test; its fields were checked when they were given.' };
    } catch (error) {
      outcome = { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    const updated = await this.#save(account, outcome.ok ? { ...patch, status: 'valid', statusReason: null } : { status: 'invalid', statusReason: outcome.message });
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
    if (account.status === 'invalid') throw invalidAccount(account);
    const usable = account.type === 'oauth2' && needsRefresh(account, this.now()) ? await this.#refreshShared(account) : account;
    const auth = this.#auth(usable);
    await this.#markUsed(usable);
    return { auth, secrets: secretForms(auth, usable.connector !== undefined && usable.type !== 'oauth2' ? secretNamesOf(usable) : undefined) };
  };

  async #markUsed(account: AccountRecord): Promise<void> {
    const now = this.now();
    const last = Math.max(account.lastUsedAt ?? 0, this.#lastUsedWritten.get(account.id) ?? 0);
    if (now - last < LAST_USED_EVERY_MS) return;
    this.#lastUsedWritten.set(account.id, now);
    if (this.#lastUsedWritten.size > 10_000) this.#lastUsedWritten.clear();
    await this.store.updateAccount(account.id, account.userId, { lastUsedAt: now });
  }

  /**
   * The remote API refused `accessToken`: mark it expired so the next resolve renews it (once, under
   * the lease). Only while it is still the stored token: a token renewed meanwhile is kept.
   */
  expireToken = async (userId: string, id: string, accessToken: string): Promise<void> => {
    const account = await this.store.getAccount(id, userId);
    if (!account || account.type !== 'oauth2') return;
    if (openAccountSecrets(this.#box(), id, account.sealed).accessToken !== accessToken) return;
    await this.store.updateAccount(id, userId, { fields: { ...account.fields, expiresAt: '1' } }, account.sealed);
  };

  /** One refresh per account in this process; across processes, the Store lease decides who refreshes. */
  #refreshShared(account: AccountRecord): Promise<AccountRecord> {
    let pending = this.#refreshing.get(account.id);
    if (!pending) {
      pending = this.#refreshAcrossProcesses(account.id, account.userId).finally(() => this.#refreshing.delete(account.id));
      this.#refreshing.set(account.id, pending);
    }
    return pending;
  }

  /**
   * Whoever holds the lease `account-refresh:<id>` refreshes; the others wait for its result in the
   * Store. Providers that rotate refresh tokens invalidate the old one on use, so two refreshes at
   * once would log the user out (n8n#12742).
   */
  async #refreshAcrossProcesses(id: string, userId: string): Promise<AccountRecord> {
    const lease = `account-refresh:${id}`;
    const owner = randomUUID();
    const deadline = this.now() + REFRESH_LEASE_MS;
    for (;;) {
      const current = await this.store.getAccount(id, userId);
      if (!current) throw new WeftError('account.not_found', `The account "${id}" was removed.`, { path: 'properties.account' });
      if (current.status === 'invalid') throw invalidAccount(current);
      if (!needsRefresh(current, this.now())) return current;
      if (await this.store.acquireLease(lease, owner, REFRESH_LEASE_MS, this.now())) {
        try {
          // Another process may have refreshed between our read and our lease.
          const held = await this.store.getAccount(id, userId);
          if (!held) throw new WeftError('account.not_found', `The account "${id}" was removed.`, { path: 'properties.account' });
          if (held.status === 'invalid') throw invalidAccount(held);
          if (!needsRefresh(held, this.now())) return held;
          return await this.#refresh(held);
        } finally {
          await this.store.releaseLease(lease, owner);
        }
      }
      if (this.now() > deadline) throw new WeftError('account.refresh_failed', `The access token of the account "${current.name}" is being renewed by another process that has not finished; the message is tried again.`);
      await sleep(REFRESH_POLL_MS);
    }
  }

  async #refresh(account: AccountRecord): Promise<AccountRecord> {
    if (!this.tokenEndpoint) throw new WeftError('account.refresh_failed', 'This process cannot renew OAuth tokens.');
    const secrets = openAccountSecrets(this.#box(), account.id, account.sealed);
    const fields = account.fields as Record<string, string | undefined>;
    const client = { client_id: fields.clientId ?? '', ...(secrets.clientSecret ? { client_secret: secrets.clientSecret } : {}) };
    let params: Record<string, string>;
    if (fields.grant === 'client_credentials') params = { grant_type: 'client_credentials', ...client, ...(fields.scopes ? { scope: fields.scopes } : {}) };
    else if (secrets.refreshToken) params = { grant_type: 'refresh_token', refresh_token: secrets.refreshToken, ...client };
    else return this.#markInvalid(account, 'the provider gave no refresh token and the access token expired; reconnect the account.');
    await this.store.updateAccount(account.id, account.userId, { status: 'refreshing' });
    const outcome = await this.tokenEndpoint(fields.tokenUrl ?? '', params);
    if (!outcome.ok) {
      if (outcome.error === 'invalid_grant' || outcome.error === 'invalid_client' || outcome.error === 'unauthorized_client') {
        return this.#markInvalid(account, `the provider refused to renew the token (${outcome.error}: ${outcome.description}); reconnect the account.`);
      }
      await this.store.updateAccount(account.id, account.userId, { status: 'valid' });
      throw new WeftError('account.refresh_failed', `Renewing the access token of "${account.name}" failed: ${outcome.error}: ${outcome.description}.`);
    }
    const tokens = { ...outcome.tokens, refreshToken: outcome.tokens.refreshToken ?? secrets.refreshToken };
    const nextFields: Record<string, unknown> = { ...account.fields };
    if (tokens.expiresAt === undefined) delete nextFields.expiresAt;
    else nextFields.expiresAt = String(tokens.expiresAt);
    const updated = await this.store.updateAccount(account.id, account.userId, {
      sealed: sealAccountSecrets(this.#box(), account.id, oauthSecrets(secrets.clientSecret, tokens)),
      fields: nextFields, status: 'valid', statusReason: null,
    });
    if (!updated) throw new WeftError('account.not_found', `The account "${account.id}" was removed.`, { path: 'properties.account' });
    return updated;
  }

  async #markInvalid(account: AccountRecord, reason: string): Promise<never> {
    const updated = await this.#save(account, { status: 'invalid', statusReason: reason });
    throw invalidAccount(updated ?? { ...account, status: 'invalid', statusReason: reason });
  }

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
    const { testUrl: _testUrl, [SECRET_NAMES]: _secretNames, ...rest } = account.fields;
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
  const { testUrl, [SECRET_NAMES]: _secretNames, ...visible } = account.fields;
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(visible)) fields[name] = String(value);
  const secret = account.connector !== undefined && account.type !== 'oauth2' ? secretNamesOf(account) : (SECRET_FIELDS[account.type] ?? []);
  for (const name of secret) fields[name] = SECRET_MASK;
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

const SECRET_FIELDS: Record<string, readonly string[]> = { bearer: ['token'], apiKey: ['value'], basic: ['password'], oauth2: ['accessToken'] };

function oauthFields(input: OAuthAccountInput, tokens: TokenAnswer): Record<string, string> {
  return {
    grant: input.grant, tokenUrl: input.tokenUrl, clientId: input.clientId, scopes: input.scopes.join(' '),
    ...(input.authorizationUrl === undefined ? {} : { authorizationUrl: input.authorizationUrl }),
    ...(tokens.expiresAt === undefined ? {} : { expiresAt: String(tokens.expiresAt) }),
  };
}

function oauthSecrets(clientSecret: string | undefined, tokens: { accessToken: string; refreshToken?: string | undefined }): Record<string, string> {
  return {
    accessToken: tokens.accessToken,
    ...(tokens.refreshToken === undefined ? {} : { refreshToken: tokens.refreshToken }),
    ...(clientSecret === undefined ? {} : { clientSecret }),
  };
}

function needsRefresh(account: AccountRecord, now: number): boolean {
  const expiresAt = Number(account.fields.expiresAt);
  return Number.isFinite(expiresAt) && expiresAt > 0 && expiresAt - now < REFRESH_SKEW_MS;
}

function invalidAccount(account: AccountRecord): WeftError {
  return new WeftError('account.invalid', `The account "${account.name}" is marked invalid${account.statusReason ? `: ${account.statusReason}` : ''}. Reconnect it, then retry this message.`, { path: 'properties.account' });
}

function publicPart(type: string, fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => isPublicField(type, name)));
}

function secretPart(type: string, fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => !isPublicField(type, name)));
}

/** The sealed field names of a connector's account (kept in its plain fields). */
function secretNamesOf(account: AccountRecord): string[] {
  const names = account.fields[SECRET_NAMES];
  return Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : [];
}

function fieldsRefused(problems: readonly AuthFieldProblem[]): WeftError {
  const [first] = problems;
  const path = `body.fields.${first?.field ?? ''}`;
  return new WeftError('request.invalid', `${path}: ${first?.message ?? 'invalid'}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, { path, details: { problems } });
}

/** Values of a generic account's fields as text (a form may send a number or a toggle). */
function stringFields(fields: Record<string, string | number | boolean> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(fields ?? {}).map(([name, value]) => [name, String(value)]));
}

function withTimeout<T>(work: Promise<T>, hook: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the connector's ${hook} did not finish within ${HOOK_TIMEOUT_MS / 1000} s`)), HOOK_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
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

