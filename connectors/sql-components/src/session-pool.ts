/**
 * @module Session pool: one connection pool per account (and per version of its fields: a changed
 * password opens a new pool and ends the old one), ended when the last component using it stops or
 * when nothing used it for `idleMs`.
 */
import { createHash } from 'node:crypto';

export interface Closable {
  end(): Promise<void>;
}

interface Entry<S> {
  digest: string;
  session: S;
  /** `<flowId>:<componentId>` of the components that used it since they started. */
  users: Set<string>;
  /** Calls running now: a pool is never ended under one. */
  active: number;
  lastUsed: number;
}

export class SessionPool<S extends Closable> {
  readonly #entries = new Map<string, Entry<S>>();
  readonly #open: (fields: Readonly<Record<string, string>>) => S;
  readonly #idleMs: number;
  #sweeper: ReturnType<typeof setInterval> | undefined;

  constructor(open: (fields: Readonly<Record<string, string>>) => S, options: { idleMs?: number } = {}) {
    this.#open = open;
    this.#idleMs = options.idleMs ?? 5 * 60_000;
  }

  /** Run `work` with the pool of `accountId` (opened on first use) on behalf of component `user`. */
  async use<T>(accountId: string, fields: Readonly<Record<string, string>>, user: string, work: (session: S) => Promise<T>): Promise<T> {
    const digest = createHash('sha256').update(JSON.stringify(Object.entries(fields).sort(([a], [b]) => a.localeCompare(b)))).digest('hex');
    let entry = this.#entries.get(accountId);
    if (entry && entry.digest !== digest) {
      // The account's fields changed (a new password): new calls get a new pool.
      void this.#retire(accountId, entry);
      entry = undefined;
    }
    if (!entry) {
      entry = { digest, session: this.#open(fields), users: new Set(), active: 0, lastUsed: Date.now() };
      this.#entries.set(accountId, entry);
      this.#startSweeper();
    }
    entry.users.add(user);
    entry.active += 1;
    try {
      return await work(entry.session);
    } finally {
      entry.active -= 1;
      entry.lastUsed = Date.now();
    }
  }

  /** Component `user` stopped: end the pools no other running component used. */
  async release(user: string): Promise<void> {
    const ending: Promise<void>[] = [];
    for (const [accountId, entry] of this.#entries) {
      entry.users.delete(user);
      if (entry.users.size === 0 && entry.active === 0) ending.push(this.#retire(accountId, entry));
    }
    await Promise.all(ending);
  }

  /** How many pools are open (for tests and metrics). */
  get size(): number {
    return this.#entries.size;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.#entries].map(([accountId, entry]) => this.#retire(accountId, entry)));
  }

  #retire(accountId: string, entry: Entry<S>): Promise<void> {
    if (this.#entries.get(accountId) === entry) this.#entries.delete(accountId);
    if (this.#entries.size === 0 && this.#sweeper) {
      clearInterval(this.#sweeper);
      this.#sweeper = undefined;
    }
    // A pool ends once its running queries are done (the drivers wait for checked-out clients).
    return entry.session.end().catch(() => undefined);
  }

  #startSweeper(): void {
    if (this.#sweeper) return;
    this.#sweeper = setInterval(() => {
      const now = Date.now();
      for (const [accountId, entry] of this.#entries) {
        if (entry.active === 0 && now - entry.lastUsed > this.#idleMs) void this.#retire(accountId, entry);
      }
    }, Math.min(this.#idleMs, 60_000));
    // An idle pool must not keep the process alive.
    this.#sweeper.unref();
  }
}
