/**
 * @module Shared clients: one open client per key (an account's URL and user) for the publishing
 * components, opened on first use, closed after being idle, reopened after it broke.
 *
 *   const clients = new SharedClients((key) => connect(key), (client) => client.end(), 30_000);
 *   const client = await clients.use(url);
 */
export class SharedClients<C> {
  readonly #entries = new Map<string, { client: Promise<C>; idle: ReturnType<typeof setTimeout> | undefined }>();

  constructor(
    private readonly open: (key: string) => Promise<C>,
    private readonly close: (client: C) => Promise<void>,
    private readonly idleMs = 30_000,
    /** False for a client that broke (connection closed): it is dropped and a new one opened. */
    private readonly isUsable: (client: C) => boolean = () => true,
  ) {}

  /** The client of `key`, opening it if needed (or again, when the one kept broke); its idle timer starts again. */
  async use(key: string): Promise<C> {
    const kept = this.#entries.get(key);
    if (kept) {
      const client = await kept.client.catch(() => undefined);
      if (client !== undefined && !this.isUsable(client)) await this.drop(key, kept.client);
    }
    let entry = this.#entries.get(key);
    if (!entry) {
      const client = this.open(key);
      entry = { client, idle: undefined };
      this.#entries.set(key, entry);
      const opened = entry;
      client.catch(() => {
        if (this.#entries.get(key) === opened) this.#entries.delete(key);
      });
    }
    if (entry.idle) clearTimeout(entry.idle);
    const current = entry;
    entry.idle = setTimeout(() => void this.drop(key, current.client), this.idleMs);
    entry.idle.unref();
    return entry.client;
  }

  /** Forget (and close) the client of `key`, e.g. once it broke; with `only`, only if it is still that one. */
  async drop(key: string, only?: Promise<C>): Promise<void> {
    const entry = this.#entries.get(key);
    if (!entry || (only !== undefined && entry.client !== only)) return;
    this.#entries.delete(key);
    if (entry.idle) clearTimeout(entry.idle);
    const client = await entry.client.catch(() => undefined);
    if (client !== undefined) await this.close(client).catch(() => {});
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.#entries.keys()].map((key) => this.drop(key)));
  }
}
