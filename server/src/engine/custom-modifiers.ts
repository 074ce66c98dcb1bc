/** @module Custom modifiers: admin-written modifiers kept in the Store, registered in the engine's registry, run in the sandbox. */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { ModifierArg, ModifierCategory, ModifierExample } from '@weft/api-client';
import type { LogLevel } from '@weft/connector-kit';
import type { ModifierDefinition, ModifierRegistry } from '@weft/variables';
import { z } from 'zod';
import type { ModifierRecord, Store } from '../ports/store.ts';
import { Poller } from './poller.ts';

/** Setting whose value changes on every save or delete, so other processes know to reload. */
export const MODIFIERS_REVISION_KEY = 'modifiers.revision';

export interface CodeLimits {
  timeoutMs: number;
  memoryBytes: number;
  maxOutputBytes: number;
}

export type CodeRunResult =
  | { ok: true; value: unknown; durationMs: number; logs: CodeLogLine[] }
  | { ok: false; error: { code: string; message: string; line?: number; column?: number }; durationMs: number; logs: CodeLogLine[] };

/** One console line of user code; the level comes from the console method it called. */
export interface CodeLogLine {
  level: LogLevel;
  message: string;
}

/** What the engine needs of the sandbox (the engine never imports it: runtime.ts passes it in). */
export interface CodeRunner {
  /** `userId`: whom the call runs for; the sandbox never shares warm state between users and caps each one's calls. */
  call(source: string, entry: string, args: unknown[], limits: Partial<CodeLimits> | undefined, userId: string): Promise<CodeRunResult>;
}

/**
 * The user whose flow is evaluating modifiers. Modifier definitions are shared by every user (one
 * registry), so the caller reaches a custom modifier's `run` through the async context.
 */
const modifierCaller = new AsyncLocalStorage<string>();

/**
 * Custom modifier definitions that exist (registered or not yet collected). While there are none,
 * no mapping can reach one, so evaluation skips the async context: `run` costs every promise the
 * evaluation makes a context hop, on every mapped message (the hot path).
 */
let liveDefinitions = 0;
const collected = new FinalizationRegistry<undefined>(() => {
  liveDefinitions--;
});

/** Whether a custom modifier could run now (exported for tests). */
export function customModifiersExist(): boolean {
  return liveDefinitions > 0;
}

/** Run `work` (an evaluation of mappings) with custom modifiers calling the sandbox for `userId`. */
export function evaluatingFor<T>(userId: string, work: () => T): T {
  return liveDefinitions === 0 ? work() : modifierCaller.run(userId, work);
}

/** Thrown by a custom modifier whose sandbox call failed; evaluation reports it as `modifier.failed`. */
export class CustomModifierError extends Error {
  override name = 'CustomModifierError';
  constructor(readonly code: string, message: string) {
    super(`${code}: ${message}`);
  }
}

const StoredShape = z.object({
  category: ModifierCategory.catch('custom'),
  args: z.array(ModifierArg).catch([]),
  examples: z.array(ModifierExample).catch([]),
});

/** A registry entry whose `run` calls `run(value, ...args)` of the stored source in the sandbox. */
export function customModifierDefinition(record: ModifierRecord, runner: CodeRunner, limits: () => CodeLimits): ModifierDefinition {
  const { category, args, examples } = StoredShape.parse(record);
  const definition: ModifierDefinition = {
    name: record.name,
    label: record.label,
    category,
    description: record.description,
    args: args.map(({ name, type, optional, description }) => ({
      name, type, ...(optional === undefined ? {} : { optional }), ...(description === undefined ? {} : { description }),
    })),
    examples,
    async run(value: unknown, ...rest: unknown[]) {
      const userId = modifierCaller.getStore();
      // Fail closed: without a known user the call could land in someone else's warm context.
      if (userId === undefined) throw new CustomModifierError('modifier.no_caller', 'custom modifiers run only while a flow of a known user is evaluated');
      const result = await runner.call(record.source, 'run', [value ?? null, ...rest], limits(), userId);
      if (result.ok) return result.value;
      const where = result.error.line === undefined ? '' : ` (line ${result.error.line}${result.error.column === undefined ? '' : `, column ${result.error.column}`})`;
      throw new CustomModifierError(result.error.code, `${result.error.message}${where}`);
    },
  };
  liveDefinitions++;
  collected.register(definition, undefined);
  return definition;
}

/**
 * Keeps `registry` in step with the Store. The process that saves calls `apply`/`remove` (at
 * once) and `announce`; every process polls the revision setting and reloads when it changed.
 */
export class CustomModifiers {
  #revision: string | undefined;
  #versions = new Map<string, number>();
  readonly #poller = new Poller(() => this.refresh(), (error) => this.onError(error));

  constructor(
    private readonly store: Store,
    private readonly registry: ModifierRegistry,
    private readonly runner: CodeRunner,
    private readonly limits: () => CodeLimits,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Versions of the custom modifiers this process has registered, by name. */
  get versions(): ReadonlyMap<string, number> {
    return this.#versions;
  }

  apply(record: ModifierRecord): void {
    try {
      this.registry.register(customModifierDefinition(record, this.runner, this.limits));
      this.#versions.set(record.name, record.version);
    } catch (error) {
      // A stored name that a newer release made built-in: the built-in wins.
      this.onError(error);
    }
  }

  remove(name: string): void {
    if (!this.#versions.delete(name)) return;
    this.registry.unregister(name);
  }

  /** Tell other processes to reload. */
  async announce(): Promise<void> {
    this.#revision = `${Date.now()}:${randomUUID()}`;
    await this.store.setSetting(MODIFIERS_REVISION_KEY, this.#revision);
  }

  /** Reload from the Store if the revision changed since the last look (or always, with `force`). */
  async refresh(force = false): Promise<void> {
    const revision = await this.store.getSetting(MODIFIERS_REVISION_KEY);
    const current = typeof revision === 'string' ? revision : undefined;
    if (!force && current === this.#revision) return;
    this.#revision = current;
    const records = await this.store.listModifiers();
    const seen = new Set<string>();
    for (const record of records) {
      seen.add(record.name);
      if (this.#versions.get(record.name) !== record.version) this.apply(record);
    }
    for (const name of [...this.#versions.keys()]) if (!seen.has(name)) this.remove(name);
  }

  start(pollMs: number): void {
    this.#poller.start(pollMs);
  }

  stop(): Promise<void> {
    return this.#poller.stop();
  }
}
