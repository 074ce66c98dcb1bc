/** @module Redis connections: one client per account (the kit's AccountPool), errors people understand. */
import type { Redis } from 'ioredis';
import { AccountPool, WeftError, type AccountAuth, type ComponentContext } from '@weft/connector-kit';

const CONNECT_TIMEOUT_MS = 10_000;

/** The account's Redis URL, checked. */
export function redisUrl(auth: AccountAuth | undefined): string {
  const url = auth?.fields.url?.trim();
  if (!url) throw new WeftError('redis.no_account', 'Choose a Redis account in the component\'s "Account" property.', { status: 422, path: 'properties.account', retry: 'never' });
  if (!/^rediss?:\/\//.test(url)) throw new WeftError('redis.account_incomplete', 'The account\'s Redis URL must start with redis:// or rediss://; fix it under Accounts.', { status: 422, path: 'properties.account', retry: 'never' });
  return url;
}

/**
 * A client that connects now and fails fast: no endless reconnecting and no offline queue, so a
 * call while Redis is down fails (and the engine retries the message) instead of hanging.
 */
export async function openClient(url: string, name: string): Promise<Redis> {
  // Loaded on the first connection rather than with this package: a process that never talks to
  // Redis (the engine loads every first-party connector at start-up) keeps its heap.
  const { Redis: RedisClient } = await import('ioredis');
  const client = new RedisClient(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (attempt) => (attempt > 3 ? null : attempt * 200),
    connectionName: name,
  });
  // Without a listener an 'error' event would crash the engine; calls reject with their own error.
  // The first one says why connecting failed (WRONGPASS…); connect() itself only says "closed".
  let firstError: unknown;
  client.on('error', (error: unknown) => (firstError ??= error));
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw explainRedisError(firstError ?? error);
  }
  return client;
}

/**
 * A client opened on first use and shared by every call of the account; one that failed to open or
 * gave up reconnecting (Redis restarted) is opened again by the next call.
 */
class SharedClient {
  readonly #url: string;
  #opening: Promise<Redis> | undefined;
  constructor(url: string) {
    this.#url = url;
  }
  async client(): Promise<Redis> {
    const opening = this.#opening;
    const current = opening ? await opening.catch(() => undefined) : undefined;
    if (current && current.status !== 'end') return current;
    if (this.#opening === opening) this.#opening = openClient(this.#url, 'weft');
    return this.#opening!;
  }
  async end(): Promise<void> {
    const client = await this.#opening?.catch(() => undefined);
    this.#opening = undefined;
    await client?.quit().catch(() => client.disconnect());
  }
}

const clients = new AccountPool<SharedClient>((fields) => new SharedClient(redisUrl({ accountId: '', type: '', fields })));

/** Run `work` with the account's client; errors come back as WeftErrors. */
export async function withClient<T>(context: ComponentContext, work: (client: Redis) => Promise<T>): Promise<T> {
  const url = redisUrl(context.auth);
  try {
    return await clients.use(context.auth!.accountId, { url }, `${context.flowId}:${context.componentId}`, async (shared) => work(await shared.client()));
  } catch (error) {
    throw explainRedisError(error);
  }
}

export function releaseClient(context: ComponentContext): Promise<void> {
  return clients.release(`${context.flowId}:${context.componentId}`);
}

export function explainRedisError(error: unknown): WeftError {
  if (error instanceof WeftError) return error;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : String(error);
  if (/WRONGPASS|NOAUTH|invalid username-password|invalid password/i.test(text)) {
    return new WeftError('redis.auth_failed', 'Redis refused the user name or password of the account; fix them under Accounts.', { status: 422, retry: 'never', cause: error });
  }
  if (/^WRONGTYPE/.test(text)) return new WeftError('redis.wrong_type', `${text.replace(/^WRONGTYPE /, '')}: the key holds a list, set or hash, not a string.`, { status: 422, retry: 'never', cause: error });
  if (/^NOPERM/.test(text)) return new WeftError('redis.permission_denied', `${text}: the account's user may not do this.`, { status: 422, retry: 'never', cause: error });
  if (typeof code === 'string' && ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET'].includes(code) || /connect|closed|writeable|timeout|Reached the max retries/i.test(text)) {
    return new WeftError('redis.unreachable', `Cannot reach the Redis server of the account (${text}); trying again later.`, { status: 503, retry: 'retry', cause: error });
  }
  return new WeftError('redis.error', `Redis: ${text}`, { status: 500, retry: 'retry', cause: error });
}
