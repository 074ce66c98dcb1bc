/**
 * @module Listeners: keeps each running flow's listen triggers (queue consumers, topic subscribers)
 * open in exactly one process, through a Store lease per listener, and turns what they emit into runs.
 *
 * Every process with the scheduler role polls the running flows every `pollMs`. For each component
 * whose behaviour has `listen` it tries the lease `listener:<flowId>:<componentId>`; the holder opens
 * the listener and renews the lease every third of `leaseMs`. The flow stopping, its properties changing, a
 * renewal refused (another process took over while this one stalled) or the process stopping close
 * it; a process that dies stops renewing, and another opens the listener once the lease runs out.
 * A listener that fails to open or reports its source lost is logged (stderr and the flow's logs),
 * closed, its lease released, and opened again after a growing pause.
 */
import { randomUUID } from 'node:crypto';
import {
  weftError, WeftError, type AccountAuth, type CloseListener, type ComponentDefinition, type ListenContext, type ListenEmit, type LogLevel,
} from '@weft/connector-kit';
import type { EngineCore } from './engine-core.ts';
import { accountIdOf, propertiesWithDefaults, stateApi, stateScope } from './component-context.ts';
import { errorSummary } from './dispatcher.ts';
import type { LoadedFlow } from './flow-cache.ts';
import { scrubSecrets } from './redact.ts';

export interface ListenerOptions {
  /** How often the running flows are read, leases renewed and listeners opened or closed. */
  pollMs: number;
  /** How long a lease outlives its last renewal: after a crash, the wait before another process reopens. */
  leaseMs: number;
  /** Emits of one listener in flight at once; the next `emit` waits for a slot. */
  maxInFlight: number;
  /** Pause before reopening a failed listener: doubles from `retryBaseMs` up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
}

/** How long closing waits for a listener still opening. */
const CLOSE_WAIT_MS = 5000;

export const DEFAULT_LISTENER_OPTIONS: ListenerOptions = { pollMs: 2000, leaseMs: 15_000, maxInFlight: 64, retryBaseMs: 1000, retryMaxMs: 60_000 };

/** One listener this process holds (or is opening). */
interface Held {
  key: string;
  flowId: string;
  componentId: string;
  userId: string;
  type: string;
  properties: Record<string, unknown>;
  abort: AbortController;
  /** Resolves once `listen` has resolved or failed. */
  opening: Promise<void>;
  close: CloseListener | undefined;
  isClosed: boolean;
  slots: Slots;
  secrets: readonly string[];
  /** When the lease was last taken or renewed. */
  renewedAt: number;
  /** `context.lost` called before `listen` resolved: reported once it has (a failed opening reports its own error instead). */
  lostWhileOpening?: unknown;
}

/** What the poll wants open: every listen component of every running flow. */
interface Wanted {
  flow: LoadedFlow;
  componentId: string;
  definition: ComponentDefinition;
  properties: Record<string, unknown>;
}

export class Listeners {
  readonly #owner = randomUUID();
  readonly #held = new Map<string, Held>();
  /** Failed listeners: how often in a row, and when to try again. */
  readonly #failures = new Map<string, { count: number; retryAt: number }>();
  readonly #options: ListenerOptions;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #polling: Promise<void> = Promise.resolve();
  #isStopped = true;
  #isDirty = false;
  /** Flows nudged since the last look: looked at alone unless a full poll is due. */
  readonly #dirtyFlows = new Set<string>();
  /** When the last full poll (every running flow, lease renewals) began. */
  #polledAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly core: EngineCore,
    options: Partial<ListenerOptions> = {},
  ) {
    this.#options = { ...DEFAULT_LISTENER_OPTIONS, ...options };
  }

  /** Keys (`flowId:componentId`) of the listeners open in this process. */
  get open(): string[] {
    return [...this.#held.values()].filter((held) => held.close !== undefined && !held.isClosed).map((held) => held.key);
  }

  start(): void {
    if (!this.#isStopped) return;
    this.#isStopped = false;
    this.#schedule(0);
  }

  /**
   * A flow started, stopped or changed in this process: look again now rather than at the next poll.
   * Given a flow id, only that flow's listeners are looked at (starting 10,000 flows must not read
   * every running flow 10,000 times); without one, every running flow is.
   */
  nudge(flowId?: string): void {
    if (this.#isStopped) return;
    if (flowId === undefined) this.#isDirty = true;
    else this.#dirtyFlows.add(flowId);
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#schedule(0);
    }
  }

  /** Closes every listener and releases their leases, so that another process takes them over at once. */
  async stop(): Promise<void> {
    this.#isStopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#polling;
    await Promise.all([...this.#held.values()].map((held) => this.#close(held, true)));
  }

  #schedule(delayMs: number): void {
    if (this.#isStopped) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      const isFull = this.#isDirty || performance.now() - this.#polledAt >= this.#options.pollMs;
      const flowIds = [...this.#dirtyFlows];
      this.#isDirty = false;
      this.#dirtyFlows.clear();
      if (isFull) this.#polledAt = performance.now();
      this.#polling = (isFull ? this.refresh() : this.refreshFlows(flowIds))
        .catch((error: unknown) => this.core.reportError(error))
        .then(() => this.#schedule(this.#isDirty || this.#dirtyFlows.size > 0 ? 0 : Math.max(0, this.#polledAt + this.#options.pollMs - performance.now())));
    }, delayMs);
    this.#timer.unref?.();
  }

  /** Only these flows: close their listeners no longer wanted, open those wanted and free. No renewals (the full poll does them). */
  async refreshFlows(flowIds: readonly string[]): Promise<void> {
    const wanted = new Map<string, Wanted>();
    for (const flowId of new Set(flowIds)) await this.#wantedOf(flowId, wanted);
    const ids = new Set(flowIds);
    await this.#reconcile(wanted, [...this.#held.values()].filter((held) => ids.has(held.flowId)), false);
  }

  /** One poll: close what is no longer wanted or no longer ours, renew the rest, open what is free. */
  async refresh(): Promise<void> {
    const wanted = await this.#wanted();
    await this.#reconcile(wanted, [...this.#held.values()], true);
    for (const key of this.#failures.keys()) if (!wanted.has(key)) this.#failures.delete(key);
  }

  async #reconcile(wanted: Map<string, Wanted>, heldNow: readonly Held[], renews: boolean): Promise<void> {
    const { store } = this.core;
    for (const held of heldNow) {
      const want = wanted.get(held.key);
      const isSame = want !== undefined && want.definition.manifest.name === held.type && sameProperties(want.properties, held.properties);
      if (!isSame) {
        await this.#close(held, true);
        continue;
      }
      if (!renews) continue;
      // Renewed a third of the lease at a time: one Store write per listener every few seconds, not every poll.
      const now = this.core.now();
      if (now - held.renewedAt < this.#options.leaseMs / 3) continue;
      if (await store.acquireLease(leaseName(held.key), this.#owner, this.#options.leaseMs, now)) {
        held.renewedAt = now;
      } else {
        // Another process holds it now (this one stalled past the lease): it has opened its own.
        await this.#close(held, false);
      }
    }
    for (const [key, want] of wanted) {
      if (this.#held.has(key) || this.#isStopped) continue;
      const failure = this.#failures.get(key);
      if (failure && failure.retryAt > this.core.now()) continue;
      const now = this.core.now();
      if (!(await store.acquireLease(leaseName(key), this.#owner, this.#options.leaseMs, now))) continue;
      this.#openListener(key, want, now);
    }
  }

  async #wanted(): Promise<Map<string, Wanted>> {
    const wanted = new Map<string, Wanted>();
    // Only the flows that use a type that listens: reading and parsing every running flow each
    // poll was, at 10,000 flows, a large share of the engine thread between their runs (and garbage).
    const records = await this.core.store.listRunningFlows({ usingTypes: this.core.components.listenerTypes() });
    for (const record of records) await this.#wantedOf(record.flowId, wanted);
    return wanted;
  }

  /** Adds the listen components of `flowId` to `wanted`, if it runs. */
  async #wantedOf(flowId: string, wanted: Map<string, Wanted>): Promise<void> {
    const flow = await this.core.flows.get(flowId);
    if (!flow || flow.ownerDisabled || flow.record.stage !== 'running') return;
    for (const [componentId, component] of Object.entries(flow.descriptor)) {
      const definition = this.core.components.get(component.type);
      if (!definition?.behaviour.listen) continue;
      wanted.set(`${flowId}:${componentId}`, {
        flow, componentId, definition, properties: propertiesWithDefaults(definition.manifest, component.config.properties),
      });
    }
  }

  #openListener(key: string, want: Wanted, leasedAt: number): void {
    const { flow, componentId, definition, properties } = want;
    const held: Held = {
      key, flowId: flow.record.flowId, componentId, userId: flow.record.userId, type: definition.manifest.name, properties,
      abort: new AbortController(), opening: Promise.resolve(), close: undefined, isClosed: false, slots: new Slots(this.#options.maxInFlight), secrets: [], renewedAt: leasedAt,
    };
    this.#held.set(key, held);
    const opened = (async () => {
      let auth: AccountAuth | undefined;
      const accountId = accountIdOf(properties);
      if (accountId !== undefined) {
        const services = this.core.contextServices;
        if (!services.resolveAccount) throw weftError('account.not_found', `The account "${accountId}" does not exist here; choose another account in the component's properties.`);
        const account = await services.resolveAccount(held.userId, accountId);
        auth = account.auth;
        held.secrets = account.secrets;
      }
      const context = this.#context(held, definition, auth);
      const close = await definition.behaviour.listen!(context, this.#emit(held, definition));
      if (held.isClosed) await close().catch((error: unknown) => this.#report(held, 'warn', 'closing', error));
      else held.close = close;
    })();
    void opened.then(() => {
      if (held.lostWhileOpening !== undefined && !held.isClosed) return this.#fail(held, 'listening', held.lostWhileOpening);
    }, () => undefined);
    held.opening = opened.then(() => undefined, () => undefined);
    // A source that neither opens nor fails (a connect that never answers) must not hold the lease forever.
    const leaseMs = this.#options.leaseMs;
    const deadline = setTimeout(() => {
      if (!held.isClosed && held.close === undefined) void this.#fail(held, 'opening', weftError('listener.failed', `it did not open within ${leaseMs} ms`));
    }, leaseMs);
    deadline.unref?.();
    void held.opening.then(() => clearTimeout(deadline));
    void opened.catch((error: unknown) => this.#fail(held, 'opening', error));
  }

  #context(held: Held, definition: ComponentDefinition, auth: AccountAuth | undefined): ListenContext {
    const { store } = this.core;
    let lines = 0;
    return {
      flowId: held.flowId,
      userId: held.userId,
      componentId: held.componentId,
      componentType: held.type,
      manifest: definition.manifest,
      properties: held.properties,
      auth,
      state: stateApi(store, stateScope(held.flowId, held.componentId)),
      flowState: stateApi(store, stateScope(held.flowId)),
      log: (level: LogLevel, message: string, data?: unknown) => {
        // A source that logs every message must not flood the index: the first 1,000 lines of one opening.
        if (++lines > 1000 || held.isClosed) return;
        this.#logLine(held, level, String(message), data);
      },
      lost: (error: unknown) => {
        if (held.isClosed) return;
        if (held.close === undefined) held.lostWhileOpening ??= error ?? new Error('lost');
        else void this.#fail(held, 'listening', error);
      },
      signal: held.abort.signal,
    };
  }

  #emit(held: Held, definition: ComponentDefinition): ListenEmit {
    const outPorts = definition.manifest.outPorts.map((port) => port.name);
    return async (data, port = outPorts[0]) => {
      if (port === undefined || !outPorts.includes(port)) {
        throw new WeftError('component.unknown_port', `${held.type} has no out port "${String(port)}"`, { retry: 'never' });
      }
      const closed = () => weftError('listener.closed', `The listener of component "${held.componentId}" closed before the message was accepted.`);
      if (held.isClosed) throw closed();
      await held.slots.take();
      try {
        if (held.isClosed) throw closed();
        const flow = await this.core.flows.get(held.flowId);
        if (!flow || flow.record.stage !== 'running' || flow.ownerDisabled) {
          throw weftError('flow.not_running', `The flow ${held.flowId} is stopped; the message was not accepted.`);
        }
        const correlationId = randomUUID();
        await this.core.publishSends(flow, held.componentId, [{ port, data }], `listen:${correlationId}`, correlationId);
        this.#failures.delete(held.key);
      } finally {
        held.slots.give();
      }
    };
  }

  /** Log the failure, close, release the lease and come back after a pause. */
  async #fail(held: Held, doing: 'opening' | 'listening', error: unknown): Promise<void> {
    // Already given up on (an opening past its deadline that fails later): reported once.
    if (held.isClosed) return;
    const failure = this.#failures.get(held.key) ?? { count: 0, retryAt: 0 };
    failure.count += 1;
    const pause = Math.min(this.#options.retryMaxMs, this.#options.retryBaseMs * 2 ** (failure.count - 1));
    failure.retryAt = this.core.now() + pause;
    this.#failures.set(held.key, failure);
    this.#report(held, 'error', doing, error, pause);
    await this.#close(held, true);
  }

  #report(held: Held, level: LogLevel, doing: string, error: unknown, pause?: number): void {
    const { code, message } = errorSummary(error);
    const clean = scrubSecrets(message, held.secrets).replace(/[.\s]+$/, '');
    const next = pause === undefined ? '' : ` It opens again in ${Math.round(pause / 1000)} s.`;
    const text = `The listener of ${held.type} (flow ${held.flowId}, component ${held.componentId}) failed while ${doing}: ${clean}.${next}`;
    this.core.reportError(new WeftError('listener.failed', text, { cause: { code } }));
    this.#logLine(held, level, text, { code });
  }

  #logLine(held: Held, level: LogLevel, message: string, data: unknown): void {
    const at = this.core.now();
    const payload = scrubSecrets(data === undefined ? { level, message } : { level, message, data }, held.secrets);
    this.core.logs.write({
      id: `listen:${held.key}:${this.#owner}:${at}:${randomUUID()}`, time: at, userId: held.userId, flowId: held.flowId, componentId: held.componentId,
      componentType: held.type, port: 'listen', direction: 'log', severity: level === 'debug' ? 'info' : level, correlationId: `listen:${held.flowId}:${held.componentId}`,
      messageId: `listen:${held.key}`,
    }, payload);
  }

  async #close(held: Held, release: boolean): Promise<void> {
    if (this.#held.get(held.key) === held) this.#held.delete(held.key);
    if (!held.isClosed) {
      held.isClosed = true;
      held.abort.abort();
      // Stopping must not wait for a source that hangs while opening; if it opens later, it is closed then.
      await Promise.race([held.opening, new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref?.())]);
      const close = held.close;
      held.close = undefined;
      if (close) await close().catch((error: unknown) => this.#report(held, 'warn', 'closing', error));
    }
    if (release) await this.core.store.releaseLease(leaseName(held.key), this.#owner).catch((error: unknown) => this.core.reportError(error));
  }
}

function leaseName(key: string): string {
  return `listener:${key}`;
}

function sameProperties(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A counting semaphore: at most `size` holders; `take` waits for a free slot. */
class Slots {
  #free: number;
  readonly #waiters: (() => void)[] = [];

  constructor(size: number) {
    this.#free = size;
  }

  async take(): Promise<void> {
    if (this.#free > 0) {
      this.#free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  give(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#free += 1;
  }
}
