/**
 * @module Run values: what a run's components sent, kept so later components can read it, without
 * copying it into every message.
 *
 * Every message carries the outputs of the components before it (its scope), because any later
 * mapping may read them. Copied into each message, one big output fanned out by Each costs the
 * square of its size: a 200 KB webhook body split into 100,000 items became 20 GB of messages.
 * So an output larger than `entryBytes` (or one that would make the inline part of the scope larger
 * than `inlineBytes`) is stored once, in the Store, under the hash of its JSON for its user, and the
 * message carries only that hash (`refs[componentId][port]`). A message's size is then bounded by
 * `inlineBytes` plus one hash per earlier output, however many messages the run fans out into.
 *
 * Values are content-addressed, so a redelivery stores the same value under the same key, and
 * fifty messages that carry the same output share one row. They expire `ttlMs` after the last
 * message that needed them was planned; a timer or a parked message extends them to its own life.
 */
import { createHash } from 'node:crypto';
import { WeftError } from '@weft/connector-kit';
import type { RunValue, RunStateStore } from '../ports/store.ts';
import type { Scope } from './message.ts';

/** `refs[componentId][port]`: the hash of a stored output. */
export type ScopeRefs = Record<string, Record<string, string>>;

export interface ScopeLimits {
  /** An output up to this many bytes of JSON travels inline in each message. */
  entryBytes: number;
  /** The inline part of a message's scope stays under this many bytes. */
  inlineBytes: number;
}

export const DEFAULT_SCOPE_LIMITS: ScopeLimits = { entryBytes: 4096, inlineBytes: 32_768 };

/**
 * The length of `JSON.stringify(value)`, roughly (numbers count 8), computed without building the
 * text and without recursion; stops counting as soon as it passes `limit`.
 */
export function jsonSizeUpTo(value: unknown, limit: number): number {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'string') size += node.length + 2;
    else if (typeof node === 'number' || typeof node === 'bigint') size += 8;
    else if (typeof node === 'boolean') size += 5;
    else if (node === null || node === undefined) size += 4;
    else if (Array.isArray(node)) {
      size += 2;
      for (const item of node as unknown[]) {
        size += 1;
        if (size > limit) return size;
        stack.push(item);
      }
    } else if (typeof node === 'object') {
      size += 2;
      for (const key in node) {
        if (!Object.hasOwn(node, key)) continue;
        size += key.length + 4;
        if (size > limit) return size;
        stack.push((node as Record<string, unknown>)[key]);
      }
    }
    if (size > limit) return size;
  }
  return size;
}

/**
 * Inline scopes this process made, with their exact `jsonSizeUpTo` size: the scope grows by one output
 * a step, and measuring it whole at every step made a 40-step chain walk it 40 times (--cpu-prof). A
 * scope that came over the Bus (a new object) is measured once, exactly as it would have been.
 */
const scopeSizes = new WeakMap<Scope, number>();

/** `jsonSizeUpTo(scope, limit)`, remembered for the scopes `placeOutput` made. */
export function inlineScopeSize(scope: Scope, limit: number): number {
  const known = scopeSizes.get(scope);
  return known !== undefined && known <= limit ? known : jsonSizeUpTo(scope, limit);
}

/**
 * Whether `node` nests arrays and objects more than `levels` levels deep: stops walking as soon as
 * it does, recursing at most `levels` + 1 calls deep and allocating nothing (it runs on every
 * message a step plans).
 */
export function nestsDeeperThan(node: unknown, levels: number): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (levels < 1) return true;
  if (Array.isArray(node)) {
    const items = node as unknown[];
    for (let i = 0; i < items.length; i += 1) if (nestsDeeperThan(items[i], levels - 1)) return true;
    return false;
  }
  for (const key in node) if (Object.hasOwn(node, key) && nestsDeeperThan((node as Record<string, unknown>)[key], levels - 1)) return true;
  return false;
}

export function hashJson(json: string): string {
  return createHash('sha256').update(json).digest('base64url').slice(0, 32);
}

/** Every hash a message refers to. */
export function refHashes(refs: ScopeRefs | undefined): string[] {
  if (refs === undefined) return [];
  const hashes = new Set<string>();
  for (const ports of Object.values(refs)) for (const hash of Object.values(ports)) hashes.add(hash);
  return [...hashes];
}

/** Where one output goes in the messages planned from it. */
export interface PlacedOutput {
  scope: Scope;
  refs: ScopeRefs | undefined;
  /** Set when the output is stored: the dispatcher saves it before publishing. */
  stored?: RunValue;
}

/**
 * The wire scope of the messages that follow a send: the parent's, plus `data` as
 * `[senderId][port]`, inline when small enough, else by reference. Pure: no I/O.
 * `inlineSize` is the parent's inline scope size as `jsonSizeUpTo` measured it.
 */
export function placeOutput(
  parent: { scope: Scope; refs: ScopeRefs | undefined },
  inlineSize: number,
  senderId: string,
  port: string,
  data: unknown,
  limits: ScopeLimits,
): PlacedOutput {
  const size = jsonSizeUpTo(data, limits.entryBytes);
  if (size <= limits.entryBytes && inlineSize + size <= limits.inlineBytes) {
    const refs = without(parent.refs, senderId, port);
    const ports = parent.scope[senderId];
    const scope = { ...parent.scope, [senderId]: { ...ports, [port]: data } };
    // Both sizes are exact here (each under its limit); as jsonSizeUpTo counts them: a key adds its length + 4, an object 2.
    if (ports === undefined) scopeSizes.set(scope, inlineSize + senderId.length + 4 + 2 + port.length + 4 + size);
    else if (!Object.hasOwn(ports, port)) scopeSizes.set(scope, inlineSize + port.length + 4 + size);
    return { scope, refs };
  }
  const json = JSON.stringify(data) ?? 'null';
  const hash = hashJson(json);
  const scope = without(parent.scope, senderId, port) ?? {};
  return { scope, refs: { ...parent.refs, [senderId]: { ...parent.refs?.[senderId], [port]: hash } }, stored: { hash, json } };
}

function without<T>(entries: Record<string, Record<string, T>> | undefined, componentId: string, port: string): Record<string, Record<string, T>> | undefined {
  const ports = entries?.[componentId];
  if (entries === undefined || ports === undefined || !Object.hasOwn(ports, port)) return entries;
  const { [port]: _dropped, ...rest } = ports;
  const copy = { ...entries };
  if (Object.keys(rest).length === 0) delete copy[componentId];
  else copy[componentId] = rest;
  return copy;
}

export interface RunValuesOptions {
  /** How long a stored value outlives the last message planned with it. */
  ttlMs: number;
  /** Parsed values kept in memory, by their JSON size. */
  cacheBytes: number;
}

/** The Store's run values with a cache of parsed ones (values never change: they are content-addressed). */
export class RunValues {
  readonly #cache = new Map<string, { value: unknown; bytes: number }>();
  #cachedBytes = 0;
  /** When this process last stored (and so extended) a value: re-storing within an hour is skipped. */
  readonly #storedAt = new Map<string, number>();

  constructor(
    private readonly store: RunStateStore,
    private readonly now: () => number,
    readonly options: RunValuesOptions,
  ) {}

  /** Store what a plan produced, before the messages that refer to it are published. */
  async save(userId: string, values: readonly RunValue[]): Promise<void> {
    if (values.length === 0) return;
    const now = this.now();
    const fresh = new Map<string, RunValue>();
    for (const value of values) {
      const key = `${userId}\u0000${value.hash}`;
      const at = this.#storedAt.get(key);
      if (at !== undefined && now - at < Math.min(3_600_000, this.options.ttlMs / 2)) continue;
      fresh.set(value.hash, value);
    }
    if (fresh.size === 0) return;
    await this.store.putRunValues(userId, [...fresh.values()], now + this.options.ttlMs);
    if (this.#storedAt.size > 10_000) this.#storedAt.clear();
    for (const hash of fresh.keys()) this.#storedAt.set(`${userId}\u0000${hash}`, now);
  }

  /** Keep the values a message refers to until `until` plus the ttl (a timer's due time, a parked message). */
  async keep(userId: string, refs: ScopeRefs | undefined, until: number): Promise<void> {
    const hashes = refHashes(refs);
    if (hashes.length > 0) await this.store.extendRunValues(userId, hashes, until + this.options.ttlMs);
  }

  /**
   * The scope to evaluate mappings against: the inline entries, plus the referenced entries named
   * in `needed` (`[componentId, port]`), loaded and parsed.
   */
  async resolve(userId: string, scope: Scope, refs: ScopeRefs | undefined, needed: Iterable<readonly [string, string]>): Promise<Scope> {
    if (refs === undefined) return scope;
    let resolved: Scope | undefined;
    for (const [componentId, port] of needed) {
      const hash = refs[componentId]?.[port];
      if (hash === undefined) continue;
      const value = await this.load(userId, hash);
      resolved ??= { ...scope };
      resolved[componentId] = { ...resolved[componentId], [port]: value };
    }
    return resolved ?? scope;
  }

  /** Every referenced entry resolved: a message parked for people to read, edit and retry. */
  async resolveAll(userId: string, scope: Scope, refs: ScopeRefs | undefined): Promise<Scope> {
    const needed: [string, string][] = [];
    for (const [componentId, ports] of Object.entries(refs ?? {})) for (const port of Object.keys(ports)) needed.push([componentId, port]);
    return this.resolve(userId, scope, refs, needed);
  }

  async load(userId: string, hash: string): Promise<unknown> {
    const key = `${userId}\u0000${hash}`;
    const cached = this.#cache.get(key);
    if (cached !== undefined) {
      // Most recently used last.
      this.#cache.delete(key);
      this.#cache.set(key, cached);
      return cached.value;
    }
    const json = await this.store.getRunValue(userId, hash);
    if (json === undefined) {
      throw new WeftError('message.values_expired', 'An output of an earlier component that this message needs is no longer stored (it expired); start a new run.', { retry: 'never', status: 410 });
    }
    const value: unknown = JSON.parse(json);
    this.#remember(key, value, json.length);
    return value;
  }

  #remember(key: string, value: unknown, bytes: number): void {
    if (bytes > this.options.cacheBytes / 4) return;
    this.#cache.set(key, { value, bytes });
    this.#cachedBytes += bytes;
    for (const [oldest, entry] of this.#cache) {
      if (this.#cachedBytes <= this.options.cacheBytes) break;
      this.#cache.delete(oldest);
      this.#cachedBytes -= entry.bytes;
    }
  }
}
