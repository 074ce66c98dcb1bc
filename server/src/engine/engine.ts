/** @module Engine: wires the dispatcher, scheduler and flow lifecycle to the ports. */
import { randomUUID } from 'node:crypto';
import { AdminSettings } from '@weft/api-client';
import { WeftError, type AccountAuth, type ComponentDefinition, type Manifest, type PortMapping } from '@weft/connector-kit';
import { parseFlow, validateFlow, type FlowDescriptor, type FlowProblem } from '@weft/flow';
import { createModifierRegistry, type ModifierRegistry } from '@weft/variables';
import type { FlowChecks, ParsedFlow } from '../ports/flow-checks.ts';
import type { Bus, BusMessage, PublishBatch, PublishOptions, Subscription } from '../ports/bus.ts';
import type { LogIndex, RunSummary } from '../ports/log-index.ts';
import type { FlowRecord, FlowUpdateResult, FlowVersionRecord, Store } from '../ports/store.ts';
import type { BackoffPolicy } from './backoff-schedule.ts';
import { accountIdOf, buildContext, propertiesWithDefaults, stateScope, type ContextServices, type ResolvedAccount } from './component-context.ts';
import { ComponentRegistry } from './component-registry.ts';
import { Dispatcher, UNFINISHED_RUNS } from './dispatcher.ts';
import { InlineDelivery } from './inline-delivery.ts';
import { CustomModifiers, type CodeRunner } from './custom-modifiers.ts';
import type { EngineCore } from './engine-core.ts';
import { FlowCache, loadInSlices, type LoadedFlow } from './flow-cache.ts';
import { ProcessedIds } from './processed-ids.ts';
import { HeldResponses, type HttpAnswer } from './held-responses.ts';
import { Listeners, type ListenerOptions } from './listeners.ts';
import { LogQuota } from './log-quota.ts';
import { logRecordId } from './log-record-id.ts';
import { LogWriter, type LogSink, type LogWriterOptions } from './log-writer.ts';
import { mappingProblems } from './mapping-problems.ts';
import { deriveMessageId, Reply, repliesQueue, type DeliverMessage, type EngineMessage, type TickMessage, type WebhookReply } from './message.ts';
import { splitShare, wholeShare } from './run-share.ts';
import { CancelledRuns } from './cancelled-runs.ts';
import { CheckedFlows, contentKey } from './checked-flows.ts';
import { LoopSlices } from './loop-slices.ts';
import { QueueRouting, type QueueConsumer, type QueueRoute } from './queue-routing.ts';
import { planRoutes, type PlanLimits, type Send } from './routes-plan.ts';
import { RunValues, type RunValuesOptions } from './run-values.ts';
import { Scheduler } from './scheduler.ts';
import { restoreRedacted } from './redact.ts';
import { printError } from './stderr-lines.ts';
import { perDescriptor } from '../ports/descriptor-json.ts';

/** Settings (limits, retry, prefetch, sandbox…) have no defaults here: the runtime passes them from the one config schema (server/src/config.ts). */
export interface EngineOptions {
  store: Store;
  bus: Bus;
  logIndex: LogIndex;
  /** Where log batches go; default the LogIndex. Workers without an indexer ship them over the Bus. */
  logSink?: LogSink;
  components: Iterable<ComponentDefinition>;
  modifiers?: ModifierRegistry;
  /** Base URL webhooks are reachable at, e.g. `http://localhost:2300`. */
  publicUrl: string;
  backoff: BackoffPolicy;
  /** Deliveries in flight per worker and queue, unless `consume` says otherwise. */
  prefetch: number;
  /** Which component types travel on which queue; default every message on `messages`. */
  queues?: readonly QueueRoute[];
  /** What the worker role consumes; default every queue of `queues` with `prefetch`. */
  consume?: readonly QueueConsumer[];
  webhookTimeoutMs: number;
  logPayloadLimitBytes: number;
  /** How often the scheduler looks for due timers. */
  timerPollMs?: number;
  /** How long before their due time timers are published, where the Bus holds deliveries (default 10 s; 0: when due). */
  timerLookaheadMs?: number;
  now?: () => number;
  random?: () => number;
  onError?: (error: unknown) => void;
  /** Runs custom modifiers; without it, stored custom modifiers are not loaded. */
  codeRunner?: CodeRunner;
  /** Sandbox limits and log retention until an admin saves settings. */
  sandboxLimits: AdminSettings['sandbox'];
  logRetentionDays: number;
  /** How often to look for custom modifiers and settings saved by other processes. */
  reloadPollMs: number;
  /** What one message, one receive and one run may cost (see `EngineLimits`); `workerSlots` is set when the worker starts. */
  limits: Omit<EngineLimits, 'workerSlots'>;
  /** How long stored run values live, and how many parsed ones this process keeps in memory. */
  runValues?: Partial<RunValuesOptions>;
  /** Lends a component the decrypted credentials of the account it names (see server/src/accounts). */
  resolveAccount?: (userId: string, accountId: string) => Promise<ResolvedAccount>;
  /** A remote API refused an account's access token: the next resolve renews it. */
  expireAccountToken?: (userId: string, accountId: string, accessToken: string) => Promise<void>;
  /** Polling, lease and backpressure of listen triggers (run by the scheduler role; see listeners.ts). */
  listeners?: Partial<ListenerOptions>;
  /**
   * Parses and validates flows of more than `flowChecksAbove` components (e.g. in a worker thread),
   * so that a big flow's save, validate and start do not hold this process's event loop; without
   * it every flow is checked in place.
   */
  flowChecks?: FlowChecks;
  flowChecksAbove?: number;
}

/** Bounds on what one message may cost, so that no flow and no caller can exhaust a process. */
export interface EngineLimits extends PlanLimits {
  /** A message delivered more often than this after its process died is parked as `message.poison`. */
  maxRedeliveries: number;
  /** CallFlow hops one run may make (a flow calling itself ends here with `flow.call_depth`). */
  maxCallDepth: number;
  /** Deliveries of one user in flight in one worker while it is busy; that user's further messages are deferred. */
  userInFlight: number;
  /** Deliveries of one tenant (all its users) in flight in one worker while it is busy; that tenant's further messages are deferred. Unset: no tenant cap. */
  tenantInFlight?: number;
  /** Deliveries this worker takes at once (the sum of its consumers' prefetch; set when the worker starts). */
  workerSlots: number;
  /** Bytes of log records per user per day and process (0: no quota). */
  logBytesPerUserDay: number;
  /** Pure steps one delivery may run after its own (0: every step crosses the Bus). See the README, "Fusing pure steps". */
  fuseSteps: number;
  /** A step that sends more messages than this publishes them all instead of running them in its delivery. */
  fuseFanOut: number;
  /** Past this many milliseconds, a delivery runs no more fused steps: the rest go over the Bus. */
  fuseMs: number;
  /**
   * Run a webhook call's first delivery in the request when this process's worker consumes its
   * queue, publishing only what the run leaves to do (engine/inline-delivery.ts). Off: every call
   * is published first. Unset counts as on.
   */
  inlineWebhooks?: boolean;
}


/** Store key of the admin settings (`PUT /admin/settings`). */
export const SETTINGS_KEY = 'engine.settings';
const HOUR_MS = 3_600_000;

export interface WebhookRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

export type WebhookOutcome = { kind: 'held'; correlationId: string; answer: Promise<HttpAnswer> } | { kind: 'accepted'; correlationId: string };

/** What one component sent when its flow started. */
interface StartSends {
  componentId: string;
  sends: Send[];
  causeId: string;
}

export class Engine implements EngineCore {
  readonly store: Store;
  readonly bus: Bus;
  readonly logIndex: LogIndex;
  readonly components: ComponentRegistry;
  readonly modifiers: ModifierRegistry;
  readonly flows: FlowCache;
  readonly processed: ProcessedIds;
  readonly logs: LogWriter;
  readonly backoff: BackoffPolicy;
  readonly instanceId = randomUUID();
  readonly held = new HeldResponses();
  readonly contextServices: ContextServices;
  readonly now: () => number;
  readonly random: () => number;
  readonly #options: EngineOptions;
  readonly #dispatcher: Dispatcher;
  readonly queues: QueueRouting;
  readonly limits: EngineLimits;
  readonly runValues: RunValues;
  /** Runs people cancelled: their messages and timers are dropped. */
  readonly cancelled: CancelledRuns;
  /** The listen triggers (queue consumers, subscribers) this process holds; opened by the scheduler role. */
  readonly listeners: Listeners;
  #subscriptions: Subscription[] | undefined;
  /** Queues this process's worker consumes: a webhook call for one of them may run in its request. */
  #consumed = new Set<string>();
  /** Webhook calls being run in their requests (inline deliveries), so that `stop` waits for them. */
  readonly #inline = new Set<Promise<void>>();
  #replies: Subscription | undefined;
  #scheduler: Scheduler | undefined;
  /** Retry, sandbox and log settings in force; change them with `applySettings`. */
  readonly settings: AdminSettings;
  readonly customModifiers: CustomModifiers | undefined;
  readonly #logOptions: LogWriterOptions;
  readonly #flowChecks: FlowChecks | undefined;
  readonly #flowChecksAbove: number;
  /** Big descriptors' problems (graph, properties, mappings), by content: the same text is validated once. */
  readonly #checkedProblems = new CheckedFlows<FlowProblem[]>(8);
  /** Big descriptors parsed (on save, or by the flow cache), by content: the flow cache reuses them. */
  readonly #parsedFlows = new CheckedFlows<FlowDescriptor>(8);
  #reload: ReturnType<typeof setInterval> | undefined;
  #retention: ReturnType<typeof setInterval> | undefined;

  constructor(options: EngineOptions) {
    this.#options = options;
    this.store = options.store;
    this.bus = options.bus;
    this.logIndex = options.logIndex;
    this.components = new ComponentRegistry(options.components);
    this.modifiers = options.modifiers ?? createModifierRegistry();
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.backoff = { ...options.backoff };
    this.#flowChecks = options.flowChecks;
    this.#flowChecksAbove = options.flowChecksAbove ?? Number.POSITIVE_INFINITY;
    this.flows = new FlowCache(this.store, this.now, undefined, (type) => this.components.manifest(type)?.label, (json) => this.#parseOffLoop(json));
    this.processed = new ProcessedIds(this.store, this.now);
    this.queues = new QueueRouting(options.queues);
    this.cancelled = new CancelledRuns(this.store);
    this.limits = { ...options.limits, workerSlots: options.prefetch };
    this.runValues = new RunValues(this.store, this.now, { ttlMs: 30 * 24 * HOUR_MS, cacheBytes: 64 * 1024 * 1024, ...options.runValues });
    this.#logOptions = {
      batchSize: 500,
      batchBytes: 96 * 1024,
      intervalMs: 50,
      payloadLimitBytes: options.logPayloadLimitBytes,
      quota: new LogQuota(() => this.limits.logBytesPerUserDay, this.now),
      onError: (error: unknown) => this.reportError(error),
    };
    this.logs = new LogWriter(options.logSink ?? this.logIndex, this.#logOptions);
    this.settings = {
      retry: { ...this.backoff },
      sandbox: { ...options.sandboxLimits },
      logs: { payloadLimitBytes: this.#logOptions.payloadLimitBytes, retentionDays: options.logRetentionDays },
    };
    this.customModifiers = options.codeRunner
      ? new CustomModifiers(this.store, this.modifiers, options.codeRunner, () => this.settings.sandbox, (error) => this.reportError(error))
      : undefined;
    this.contextServices = {
      store: this.store,
      now: this.now,
      publicUrl: options.publicUrl.replace(/\/$/, ''),
      answerWebhook: (reply, replyTo) => this.answerWebhook(reply, replyTo),
      callFlow: (userId, flowId, data, parentId, callDepth) => this.callFlow(userId, flowId, data, parentId, callDepth),
      maxSends: this.limits.maxMessages,
      keepRunValues: (userId, refs, until) => this.runValues.keep(userId, refs, until),
      log: (record, payload) => this.logs.write(record, payload),
      clearTimer: async (timerId) => {
        await this.store.deleteTimer(timerId);
        // Published ahead of its due time, the fire is on the Bus already: marked processed (its
        // message id is the timer's), it is dropped when due (dispatcher.ts checks again then).
        if (this.bus.holdsDeliveries === true) await this.processed.mark(timerId);
      },
      ...(options.resolveAccount ? { resolveAccount: options.resolveAccount } : {}),
      ...(options.expireAccountToken ? { expireAccountToken: options.expireAccountToken } : {}),
    };
    this.#dispatcher = new Dispatcher(this);
    this.listeners = new Listeners(this, options.listeners);
  }

  reportError(error: unknown): void {
    (this.#options.onError ?? ((e: unknown) => printError('[weft]', e)))(error);
  }

  // Roles --------------------------------------------------------------------------------

  /** Worker role: consume and dispatch the messages of the queues it is given. */
  async startWorker(): Promise<void> {
    if (this.#subscriptions) return;
    const prefetch = this.#options.prefetch;
    const consumers = this.#options.consume?.length ? this.#options.consume : this.queues.queues.map((queue): QueueConsumer => ({ queue }));
    const subscriptions: Subscription[] = [];
    this.#subscriptions = subscriptions;
    this.limits.workerSlots = consumers.reduce((sum, consumer) => sum + (consumer.prefetch ?? prefetch), 0);
    for (const { queue, prefetch: own } of consumers) {
      this.#consumed.add(queue);
      subscriptions.push(await this.bus.consume(queue, this.#dispatcher.handle, { prefetch: own ?? prefetch }));
    }
  }

  /**
   * Scheduler role: fire durable timers (Wait, Scheduler, ticks), keep the listen triggers of running
   * flows open (each in one process, by lease), and drop logs past retention hourly.
   */
  startScheduler(): void {
    this.#scheduler ??= new Scheduler(this, this.#options.timerPollMs ?? 200, this.#options.timerLookaheadMs);
    this.#scheduler.start();
    this.listeners.start();
    if (this.#retention === undefined) {
      this.#retention = setInterval(() => void this.pruneLogs().catch((error: unknown) => this.reportError(error)), HOUR_MS);
      this.#retention.unref();
      void this.pruneLogs().catch((error: unknown) => this.reportError(error));
    }
  }

  /**
   * Every role: read the admin settings and the custom modifiers, then keep polling for those
   * other processes save (a cheap read of two settings).
   */
  async loadCustomizations(): Promise<void> {
    await this.loadSettings();
    await this.cancelled.refresh();
    await this.customModifiers?.refresh(true);
    this.customModifiers?.start(this.#options.reloadPollMs);
    this.#reload ??= setInterval(() => {
      void this.loadSettings().catch((error: unknown) => this.reportError(error));
      void this.cancelled.refresh().catch((error: unknown) => this.reportError(error));
    }, this.#options.reloadPollMs);
    this.#reload.unref();
  }

  /** Apply the stored admin settings, if any. */
  async loadSettings(): Promise<AdminSettings> {
    const stored = AdminSettings.safeParse(await this.store.getSetting(SETTINGS_KEY));
    if (stored.success) this.applySettings(stored.data);
    return this.settings;
  }

  /** Put settings in force in this process (`PUT /admin/settings` stores them first). */
  applySettings(next: AdminSettings): void {
    Object.assign(this.backoff, next.retry);
    Object.assign(this.settings.retry, next.retry);
    Object.assign(this.settings.sandbox, next.sandbox);
    Object.assign(this.settings.logs, next.logs);
    this.#logOptions.payloadLimitBytes = next.logs.payloadLimitBytes;
  }

  /**
   * Delete log records older than the retention setting, and processed-message ids older than a
   * week: a redelivery comes within the visibility timeout or a broker restart, never days later.
   */
  async pruneLogs(): Promise<number> {
    await this.store.pruneProcessed(this.now() - 7 * 24 * HOUR_MS);
    await this.store.pruneRunValues(this.now());
    return this.logIndex.deleteBefore(this.now() - this.settings.logs.retentionDays * 24 * HOUR_MS);
  }

  /** Graceful stop: no new deliveries, in-flight ones finish, logs are flushed. */
  async stop(): Promise<void> {
    clearInterval(this.#retention);
    clearInterval(this.#reload);
    await this.customModifiers?.stop();
    await this.#scheduler?.stop();
    await this.listeners.stop();
    await Promise.all((this.#subscriptions ?? []).map((subscription) => subscription.cancel()));
    this.#subscriptions = undefined;
    this.#consumed.clear();
    // Webhook calls running in their requests finish too (their log records go with the flush below).
    await Promise.all(this.#inline);
    await this.#dispatcher.reported();
    await this.#replies?.cancel();
    this.#replies = undefined;
    await this.logs.flush();
  }

  // Flow lifecycle --------------------------------------------------------------------------

  /** Problems of the flow's draft (or of `flow`, e.g. its published descriptor). */
  validate(record: FlowRecord, flow: Record<string, unknown> = record.flow): FlowProblem[] {
    return this.#validateInPlace(flow);
  }

  /** Everything that keeps `flow` (default: the draft) from running: validation, then accounts that are not the owner's. */
  async problems(record: FlowRecord, flow: Record<string, unknown> = record.flow): Promise<FlowProblem[]> {
    return [...(await this.#validateOffLoop(flow)), ...(await this.accountProblems(record, flow))];
  }

  /**
   * `parseFlow` of a descriptor sent to the API; a big one is parsed by `flowChecks` (off this
   * thread). A big one that parses is then validated in the background (the designer asks for its
   * problems right after saving, and starting validates it again): those calls find the answer.
   */
  async parseFlow(json: unknown): Promise<ParsedFlow> {
    const checks = this.#checksFor(json);
    if (checks) {
      const parsed = await checks.parse(json).catch(() => undefined);
      if (parsed) {
        if (parsed.ok) this.#checkAhead(parsed.value);
        return parsed;
      }
    }
    return parseFlow(json);
  }

  /** What a big descriptor just parsed will be asked for: its parsed value (flow cache) and its problems. */
  #checkAhead(flow: FlowDescriptor): void {
    const key = contentKey(flow);
    this.#parsedFlows.set(key, flow);
    this.#validateOffLoop(flow, key).catch((error: unknown) => this.reportError(error));
  }

  /** The checker for a flow above the threshold; undefined: check it in place. */
  #checksFor(json: unknown): FlowChecks | undefined {
    if (this.#flowChecks === undefined || typeof json !== 'object' || json === null) return undefined;
    let count = 0;
    for (const key in json) if (Object.hasOwn(json, key) && ++count > this.#flowChecksAbove) return this.#flowChecks;
    return undefined;
  }

  /**
   * `validate`, with a big flow's graph validation done by `flowChecks`. What needs the component
   * behaviours (their own `validate`, the mapping checks) stays here: it is small next to the rest.
   * If the checker fails (its thread died, a manifest cannot be copied), the flow is checked here.
   * A big flow's answer is remembered by content (with the types and modifiers it was checked
   * against): the same descriptor validated again (draft, then its published copy) costs a digest.
   */
  async #validateOffLoop(flow: Record<string, unknown>, key?: string): Promise<FlowProblem[]> {
    const checks = this.#checksFor(flow);
    if (!checks) return this.#validateInPlace(flow);
    const modifierNames = this.modifiers.list().map((modifier) => modifier.name);
    const checkedKey = `${key ?? contentKey(flow)}:${this.components.generation}:${modifierNames.join(',')}`;
    return [...(await this.#checkedProblems.get(checkedKey, () => this.#validateWith(checks, flow, modifierNames)))];
  }

  #validateInPlace(flow: Record<string, unknown>): FlowProblem[] {
    const problems = validateFlow(flow as never, this.components.manifest, { modifiers: this.modifiers });
    return [...problems, ...this.#propertyProblems(flow), ...mappingProblems(flow, (type) => this.components.get(type))];
  }

  async #validateWith(checks: FlowChecks, flow: Record<string, unknown>, modifierNames: readonly string[]): Promise<FlowProblem[]> {
    const manifests: Record<string, Manifest> = {};
    for (const component of Object.values(flow)) {
      const type = (component as { type?: unknown } | null)?.type;
      if (typeof type !== 'string' || Object.hasOwn(manifests, type)) continue;
      const manifest = this.components.manifest(type);
      if (manifest) manifests[type] = manifest;
    }
    const graph = await checks.validate(flow, manifests, modifierNames).catch(() => undefined);
    if (!graph) return this.#validateInPlace(flow);
    return [...graph, ...this.#propertyProblems(flow), ...mappingProblems(flow, (type) => this.components.get(type))];
  }

  /**
   * For the flow cache: a big descriptor parsed off this thread, or the one parsed when it was
   * saved (same text); undefined for a small one (parsed in place).
   */
  async #parseOffLoop(json: Record<string, unknown>): Promise<FlowDescriptor | undefined> {
    const checks = this.#checksFor(json);
    if (!checks) return undefined;
    return this.#parsedFlows.get(contentKey(json), async () => {
      const parsed = (await checks.parse(json).catch(() => undefined)) ?? parseFlow(json);
      return parsed.ok ? parsed.value : {};
    });
  }

  /**
   * Records `publishFlow` just answered, their descriptor checked and published, each for the one
   * start that may follow (then forgotten). Kept by record, not by descriptor: a descriptor object
   * may be shared by every record read with the same text (ports/descriptor-json.ts).
   */
  readonly #publishedChecked = new WeakSet<FlowRecord>();

  async #refuseProblems(record: FlowRecord, flow: Record<string, unknown>, doing: string): Promise<void> {
    const problems = await this.problems(record, flow);
    if (problems.length > 0) {
      throw new WeftError('flow.invalid', problems.length === 1 ? `The flow has 1 problem; fix it before ${doing} it.` : `The flow has ${problems.length} problems; fix them before ${doing} it.`, { status: 422, retry: 'never', details: problems });
    }
  }

  /**
   * Make the draft the next published version (refused with `flow.invalid` if it has problems). A
   * running flow switches to it: components removed or whose type or properties changed are
   * stopped (their tick disarmed), those added or changed are started (ticks armed); unchanged
   * triggers keep running. Messages in flight go on with the new version.
   */
  async publishFlow(record: FlowRecord, expectedVersion: number, publishedBy: string): Promise<FlowUpdateResult> {
    if (record.version !== expectedVersion) return { ok: false, reason: 'conflict', current: record };
    // A big flow's check, then its write (its descriptor stringified twice), then its start are
    // each a few ms on this thread: a turn of the event loop between them, once they add up.
    const slices = new LoopSlices();
    await this.#refuseProblems(record, record.flow, 'publishing');
    await slices.due();
    const entry: FlowVersionRecord = {
      flowId: record.flowId, userId: record.userId, version: (record.publishedVersion ?? 0) + 1, name: record.name, flow: record.flow,
      publishedAt: this.now(), publishedBy, draftVersion: record.version,
    };
    const result = await this.store.publishFlow(entry);
    await slices.due();
    // `POST /flows/:id/start` starts it next: that start need not check the same descriptor again.
    if (result.ok) this.#publishedChecked.add(result.flow);
    this.flows.invalidate(record.flowId);
    if (result.ok && result.flow.stage === 'running') {
      await this.#switchRunning(record, result.flow);
      // A stopped flow has no listeners to look at (starting it nudges them).
      this.listeners.nudge(record.flowId);
    }
    return result;
  }

  async #switchRunning(before: FlowRecord, after: FlowRecord): Promise<void> {
    const previousJson = before.publishedFlow ?? before.flow;
    const previous = await loadInSlices(before, previousJson, false, undefined, await this.#parseOffLoop(previousJson));
    const next = await this.flows.get(after.flowId);
    if (!next) return;
    const restarts = (componentId: string) => {
      const a = previous.descriptor[componentId];
      const b = next.descriptor[componentId];
      return !a || !b || a.type !== b.type || !sameJson(a.config.properties ?? {}, b.config.properties ?? {});
    };
    const slices = new LoopSlices();
    for (const [componentId, component] of Object.entries(previous.descriptor)) {
      const due = slices.due();
      if (due) await due;
      if (!restarts(componentId)) continue;
      const definition = this.components.get(component.type);
      if (definition?.manifest.tick) await this.store.deleteTimer(tickTimerId(after.flowId, componentId));
      if (definition?.behaviour.stop) await this.#stopComponent(previous, componentId, definition);
    }
    const startedAt = this.now();
    const correlationId = randomUUID();
    const sent: StartSends[] = [];
    for (const componentId of Object.keys(next.descriptor)) {
      const started = restarts(componentId) ? await this.#startComponent(next, componentId, startedAt, correlationId) : undefined;
      if (started) sent.push(started);
      const due = slices.due();
      if (due) await due;
    }
    await this.#publishStartSends(next, sent, correlationId);
  }

  /** Problems a flow cannot even be saved with (values the engine would never accept); `POST`/`PUT /flows` refuse them. */
  saveProblems(flow: Record<string, unknown>): FlowProblem[] {
    return this.#propertyProblems(flow, true);
  }

  /** Problems only the component type can see in its properties and mappings (e.g. code that does not compile). */
  #propertyProblems(flow: Record<string, unknown>, onlyRefusingSave = false): FlowProblem[] {
    const problems: FlowProblem[] = [];
    for (const [componentId, component] of Object.entries(flow)) {
      const type = (component as { type?: unknown } | null)?.type;
      const definition = typeof type === 'string' ? this.components.get(type) : undefined;
      if (!definition?.behaviour.validate) continue;
      const config = (component as { config?: { properties?: unknown; transform?: unknown } }).config;
      const given = config?.properties;
      const properties = propertiesWithDefaults(definition.manifest, typeof given === 'object' && given !== null ? (given as Record<string, unknown>) : {});
      for (const problem of definition.behaviour.validate(properties, portMappings(config?.transform))) {
        if (onlyRefusingSave && problem.refusesSave !== true) continue;
        problems.push({ code: problem.code, message: problem.message, path: `flow.${componentId}.config.${problem.path ?? `properties.${problem.property}`}`, componentId });
      }
    }
    return problems;
  }

  /**
   * Accounts named by components (`account` property) that are not the flow owner's: checked on
   * validate and start (a Store read each, so not part of the synchronous `validate`).
   */
  async accountProblems(record: FlowRecord, flow: Record<string, unknown> = record.flow): Promise<FlowProblem[]> {
    const problems: FlowProblem[] = [];
    for (const { componentId, accountId, type } of accountsNamed(flow)) {
      const account = await this.store.getAccount(accountId, record.userId);
      if (account === undefined) {
        problems.push({
          code: 'account.unusable', componentId, path: `flow.${componentId}.config.properties.account`,
          message: `The account "${accountId}" is not one of the flow owner's connected accounts; choose one of yours.`,
        });
      } else if (account.connector !== undefined && typeof type === 'string' && !type.startsWith(`${account.connector}.`)) {
        // A connector's account holds that connector's fields only: another component would misread them.
        problems.push({
          code: 'account.unusable', componentId, path: `flow.${componentId}.config.properties.account`,
          message: `The account "${account.name}" is for the connector ${account.connector}; choose an account this component can use.`,
        });
      }
    }
    return problems;
  }

  /** Runs the published version (`POST /flows/:id/start` publishes a changed draft first). */
  async startFlow(record: FlowRecord): Promise<FlowRecord> {
    const published = record.publishedFlow ?? record.flow;
    // As in publishFlow: turns between the check, the write and the flow cache's load of a big flow.
    const slices = new LoopSlices();
    if (!this.#publishedChecked.delete(record)) await this.#refuseProblems(record, published, 'starting');
    await slices.due();
    const startedAt = this.now();
    const updated = await this.store.updateFlow(record.flowId, record.userId, { stage: 'running', startedAt });
    await slices.due();
    if (!updated.ok) throw new WeftError('flow.not_found', 'The flow no longer exists.', { status: 404, retry: 'never' });
    this.flows.invalidate(record.flowId);
    const flow = await this.flows.get(record.flowId);
    if (!flow) throw new WeftError('flow.not_found', 'The flow no longer exists.', { status: 404, retry: 'never' });
    const correlationId = randomUUID();
    const sent: StartSends[] = [];
    // A big flow is started in slices: requests that come meanwhile are answered between them.
    for (const componentId of Object.keys(flow.descriptor)) {
      const started = await this.#startComponent(flow, componentId, startedAt, correlationId);
      if (started) sent.push(started);
      const due = slices.due();
      if (due) await due;
    }
    await this.#publishStartSends(flow, sent, correlationId);
    this.listeners.nudge(record.flowId);
    return updated.flow;
  }

  /** Starts one component and arms its tick; what it sent on start is for `#publishStartSends`. */
  async #startComponent(flow: LoadedFlow, componentId: string, startedAt: number, correlationId: string): Promise<StartSends | undefined> {
    const component = flow.descriptor[componentId];
    const definition = component ? this.components.get(component.type) : undefined;
    // Most components (Set, Condition…) have nothing to do on start: no context built for them.
    if (!definition || (!definition.behaviour.start && !definition.manifest.tick)) return undefined;
    const causeId = `start:${flow.record.flowId}:${startedAt}:${componentId}`;
    const auth = definition.behaviour.start ? await this.#startAccount(flow, componentId, definition) : undefined;
    const { context, sends, finishLog } = this.#lifecycleContext(flow, componentId, definition, correlationId, causeId, 'start', auth);
    try {
      await definition.behaviour.start?.(context);
    } finally {
      finishLog();
    }
    if (definition.manifest.tick) await this.armTick(flow.record, componentId, definition.manifest.tick);
    return sends.length > 0 ? { componentId, sends, causeId } : undefined;
  }

  /** What the components sent on start is one run: its whole share is split between them. */
  async #publishStartSends(flow: LoadedFlow, sent: readonly StartSends[], correlationId: string): Promise<void> {
    const shares = splitShare(wholeShare(), sent.length);
    for (const [i, { componentId, sends, causeId }] of sent.entries()) {
      await this.publishSends(flow, componentId, sends, causeId, correlationId, false, shares[i]);
    }
  }

  async #stopComponent(flow: LoadedFlow, componentId: string, definition: ComponentDefinition): Promise<void> {
    if (!definition.behaviour.stop) return;
    // The time makes each stop's log lines (ids derived from this) new, like each start's.
    const causeId = `stop:${flow.record.flowId}:${this.now()}:${componentId}`;
    const { context, finishLog } = this.#lifecycleContext(flow, componentId, definition, randomUUID(), causeId, 'stop');
    await definition.behaviour.stop(context).catch((error: unknown) => this.reportError(error));
    finishLog();
  }

  async stopFlow(record: FlowRecord): Promise<FlowRecord> {
    // As in startFlow: a turn between the write of a big flow's row and the flow cache's load of it.
    const slices = new LoopSlices();
    const updated = await this.store.updateFlow(record.flowId, record.userId, { stage: 'stopped' });
    if (!updated.ok) throw new WeftError('flow.not_found', 'The flow no longer exists.', { status: 404, retry: 'never' });
    this.flows.invalidate(record.flowId);
    await this.store.deleteFlowTimers(record.flowId);
    await slices.due();
    const flow = await this.flows.get(record.flowId);
    if (flow && record.stage === 'running') {
      for (const [componentId, component] of Object.entries(flow.descriptor)) {
        const definition = this.components.get(component.type);
        if (definition) await this.#stopComponent(flow, componentId, definition);
        const due = slices.due();
        if (due) await due;
      }
    }
    this.listeners.nudge(record.flowId);
    return updated.flow;
  }

  /**
   * A disabled account: stop each of its running flows as its owner would (component `stop`,
   * webhooks and timers unregistered). Enabling the account again does not restart them.
   */
  async stopUserFlows(userId: string): Promise<number> {
    this.flows.invalidateUser(userId);
    const running: FlowRecord[] = [];
    for (let offset = 0; ; offset += 100) {
      const { items } = await this.store.listFlows({ userId, stage: 'running', limit: 100, offset });
      running.push(...items);
      if (items.length < 100) break;
    }
    let stopped = 0;
    for (const record of running) {
      try {
        await this.stopFlow(record);
        stopped++;
      } catch (error) {
        // Deleted meanwhile, or a store hiccup: the owner check in the dispatcher still holds it.
        this.reportError(error);
      }
    }
    return stopped;
  }

  /** Forget everything a deleted flow left behind. */
  async forgetFlow(flowId: string): Promise<void> {
    this.flows.invalidate(flowId);
    await this.store.deleteFlowTimers(flowId);
    await this.store.stateClear(stateScope(flowId));
  }

  async armTick(record: FlowRecord, componentId: string, intervalMs: number): Promise<void> {
    const tick: TickMessage = {
      type: 'tick', id: randomUUID(), userId: record.userId, flowId: record.flowId, componentId, correlationId: randomUUID(), attempt: 1,
    };
    await this.store.putTimer({ id: tickTimerId(record.flowId, componentId), dueAt: this.now() + intervalMs, flowId: record.flowId, body: tick });
  }

  /**
   * The credentials of the account a starting component names, so a trigger can note where its
   * source stands (New Row's cursor). Starting was already refused for a missing account; one that
   * fails to open now is reported, and the component starts without it.
   */
  async #startAccount(flow: LoadedFlow, componentId: string, definition: ComponentDefinition): Promise<AccountAuth | undefined> {
    const component = flow.descriptor[componentId]!;
    const accountId = accountIdOf(propertiesWithDefaults(definition.manifest, component.config.properties));
    if (accountId === undefined || !this.contextServices.resolveAccount) return undefined;
    try {
      return (await this.contextServices.resolveAccount(flow.record.userId, accountId)).auth;
    } catch (error) {
      this.reportError(error);
      return undefined;
    }
  }

  #lifecycleContext(flow: LoadedFlow, componentId: string, definition: ComponentDefinition, correlationId: string, causeId: string, behaviour: 'start' | 'stop', auth?: AccountAuth) {
    const component = flow.descriptor[componentId]!;
    return buildContext({
      auth,
      services: this.contextServices,
      userId: flow.record.userId,
      flowId: flow.record.flowId,
      componentId,
      manifest: definition.manifest,
      properties: propertiesWithDefaults(definition.manifest, component.config.properties),
      correlationId,
      causeId,
      port: behaviour,
      attempt: 1,
      messages: {},
      scope: {},
      test: false,
    });
  }

  // Runs ------------------------------------------------------------------------------------

  /** `share`: the part of run `correlationId` these sends carry (a new run: the whole of it). */
  async publishSends(flow: LoadedFlow, senderId: string, sends: readonly Send[], causeId: string, correlationId: string, test = false, share = wholeShare()): Promise<void> {
    if (sends.length === 0) return;
    const next = await planRoutes({
      outEdges: flow.outEdges,
      parent: { id: causeId, userId: flow.record.userId, flowId: flow.record.flowId, correlationId, test, scope: {} },
      senderId,
      sends,
      modifiers: this.modifiers,
      limits: this.limits,
      names: flow.names,
    });
    await this.runValues.save(flow.record.userId, next.values);
    const shares = splitShare(share, next.messages.length);
    next.messages.forEach((message, i) => (message.share = shares[i]));
    const component = flow.descriptor[senderId];
    sends.forEach((send, i) => {
      this.logs.write({
        id: logRecordId(causeId, 'out', i), time: this.now(), userId: flow.record.userId, flowId: flow.record.flowId, componentId: senderId,
        componentType: component?.type ?? 'unknown', port: send.port, direction: 'out', severity: 'info', correlationId, messageId: causeId,
        // Sent where no edge leads: the run ends here.
        ...(i === 0 && next.messages.length === 0 ? { run: { ended: share } } : {}),
      }, send.data);
    });
    await this.publishMessages(flow, next.messages);
  }

  /** Publish messages of `flow`, each on the queue of its target component's type. */
  async publishMessages(flow: LoadedFlow | undefined, messages: readonly EngineMessage[], options?: PublishOptions): Promise<void> {
    await Promise.all(this.planPublish(flow, messages, options).map((batch) => this.bus.publish(batch.queue, batch.messages, batch.options)));
  }

  /** Messages of `flow` grouped by the queue of their target component's type. */
  planPublish(flow: LoadedFlow | undefined, messages: readonly EngineMessage[], options?: PublishOptions): PublishBatch[] {
    const byQueue = new Map<string, BusMessage[]>();
    for (const message of messages) {
      const queue = this.queues.queueFor(flow?.descriptor[message.componentId]?.type);
      const batch = byQueue.get(queue);
      if (batch) batch.push({ id: message.id, body: message });
      else byQueue.set(queue, [{ id: message.id, body: message }]);
    }
    return [...byQueue].map(([queue, batch]) => (options ? { queue, messages: batch, options } : { queue, messages: batch }));
  }

  /**
   * A webhook call: the request becomes a message to the webhook component, and is accepted
   * only once the Bus has durably stored it.
   */
  /** `priority`: the Bus priority of the run (see `TenantRateLimiter.admitWebhook`); its later messages keep it. */
  async acceptWebhook(flowId: string, componentId: string, request: WebhookRequest, options: { priority?: number } = {}): Promise<WebhookOutcome> {
    const flow = await this.flows.get(flowId);
    const component = flow?.descriptor[componentId];
    const definition = component ? this.components.get(component.type) : undefined;
    if (!flow || !component || !definition?.manifest.webhook) {
      throw new WeftError('webhook.not_found', 'No webhook at this address.', { status: 404, retry: 'never' });
    }
    if (flow.ownerDisabled) {
      throw new WeftError('user.disabled', 'The account this webhook belongs to is disabled; it accepts no calls.', { status: 410, retry: 'never' });
    }
    if (flow.record.stage !== 'running') {
      throw new WeftError('flow.not_running', 'The flow of this webhook is stopped; start it to accept calls.', { status: 409, retry: 'never' });
    }
    const properties = propertiesWithDefaults(definition.manifest, component.config.properties);
    const correlationId = randomUUID();
    const waits = properties.waitForResponse !== false;
    const message: DeliverMessage = {
      type: 'deliver', id: correlationId, userId: flow.record.userId, flowId, componentId, port: 'webhook', correlationId,
      attempt: 1, content: { ...request }, scope: {}, share: wholeShare(), ...(waits ? { replyTo: this.instanceId } : {}),
    };
    const timeoutMs = typeof properties.timeoutMs === 'number' ? properties.timeoutMs : this.#options.webhookTimeoutMs;
    const answer = waits
      ? this.held.hold(correlationId, timeoutMs, () => ({
          status: 504,
          headers: {},
          body: { error: { code: 'webhook.timeout', message: `No Response component answered within ${timeoutMs} ms. The run goes on; see correlation id ${correlationId} in the logs.` } },
        }))
      : undefined;
    const queue = this.queues.queueFor(component.type);
    const busMessage = { id: message.id, body: message, ...(options.priority ? { priority: options.priority } : {}) };
    try {
      if (this.limits.inlineWebhooks !== false && this.#consumed.has(queue) && this.#subscriptions !== undefined) {
        // Run here and answer once what the run left to do is stored (see inline-delivery.ts).
        const delivery = new InlineDelivery(this.bus, queue, busMessage);
        const running = this.#dispatcher.handle(delivery);
        this.#inline.add(running);
        await running.finally(() => this.#inline.delete(running));
        if (delivery.outcome === 'failed') throw delivery.failure;
      } else {
        await this.bus.publish(queue, [busMessage]);
      }
    } catch (error) {
      this.held.release(correlationId);
      throw new WeftError('bus.unavailable', 'The message could not be stored; nothing was accepted. Try again.', { status: 503, cause: error });
    }
    return answer ? { kind: 'held', correlationId, answer } : { kind: 'accepted', correlationId };
  }

  /** Answer here if this process holds the request; otherwise send the answer to the API instance that does. */
  async answerWebhook(reply: WebhookReply, replyTo: string | undefined): Promise<void> {
    if (this.held.answer(reply.correlationId, reply)) return;
    if (replyTo === undefined || replyTo === this.instanceId) return;
    await this.bus.publish(repliesQueue(replyTo), [{ id: `reply:${reply.correlationId}`, body: reply }]);
  }

  /** A branch of a held run ended without answering: its share goes back to the holder of the request. */
  async settleShare(correlationId: string, messageId: string, share: string, replyTo: string | undefined): Promise<void> {
    if (this.held.settle(correlationId, messageId, share)) return;
    if (replyTo === undefined || replyTo === this.instanceId) return;
    await this.bus.publish(repliesQueue(replyTo), [{ id: `ended:${messageId}`, body: { correlationId, ended: { messageId, share } } }]);
  }

  /**
   * API role: take the answers and ended branches other processes send for the requests this instance
   * holds. They are worthless once this process is gone, so they are `disposable`: the broker forgets
   * each as it sends it (no ack: 30 against 44 µs of RabbitMQ's CPU a reply, scratch micro-bench).
   */
  async startReplies(): Promise<void> {
    this.#replies ??= await this.bus.consume(repliesQueue(this.instanceId), async (delivery) => {
      const reply = Reply.safeParse(delivery.message.body);
      if (reply.success) {
        if ('ended' in reply.data) this.held.settle(reply.data.correlationId, reply.data.ended.messageId, reply.data.ended.share);
        else this.held.answer(reply.data.correlationId, reply.data);
      }
      await delivery.ack();
    }, { prefetch: 64, disposable: true });
  }

  /**
   * Cancel a run: from now on its pending messages are dropped when delivered and its timers when
   * due (at once in this process, within a poll in the others), and a log record says so.
   */
  async cancelRun(run: RunSummary): Promise<RunSummary> {
    const at = this.now();
    await this.cancelled.cancel(run.correlationId, run.userId, at);
    this.logs.write({
      id: logRecordId(run.correlationId, 'cancel'), time: at, userId: run.userId, flowId: run.flowId, componentId: 'run', componentType: 'weft.run',
      port: 'cancel', direction: 'log', severity: 'warn', correlationId: run.correlationId, messageId: `cancel:${run.correlationId}`, run: { cancelled: true },
    }, { level: 'warn', message: 'Run cancelled: its pending messages and timers are dropped.' });
    await this.logs.flush();
    const lastAt = Math.max(run.lastAt, at);
    return { ...run, status: 'cancelled', cancelled: true, lastAt, endedAt: lastAt };
  }

  /** Designer test run: inject `data` as if the trigger had sent it; runs even on a stopped flow. */
  async testRun(record: FlowRecord, componentId: string, port: string, data: unknown): Promise<string> {
    this.flows.invalidate(record.flowId);
    const flow = await this.flows.get(record.flowId, true);
    if (!flow?.descriptor[componentId]) {
      throw new WeftError('component.not_found', `The flow has no component ${componentId}.`, { status: 404, path: 'body.componentId', retry: 'never' });
    }
    const correlationId = randomUUID();
    await this.publishSends(flow, componentId, [{ port, data }], `test:${correlationId}`, correlationId, true);
    return correlationId;
  }

  async callFlow(userId: string, flowId: string, data: unknown, parentId: string, callDepth = 0): Promise<{ correlationId: string }> {
    if (callDepth + 1 > this.limits.maxCallDepth) {
      throw new WeftError('flow.call_depth', `This run already went through ${callDepth} CallFlow hops, the most this engine allows (${this.limits.maxCallDepth}); a flow that calls itself must stop on its own.`, { retry: 'never', status: 422 });
    }
    const flow = await this.flows.get(flowId);
    if (!flow || flow.record.userId !== userId) throw new WeftError('flow.not_found', `No flow ${flowId} to call.`, { retry: 'never' });
    if (flow.record.stage !== 'running' || flow.ownerDisabled) throw new WeftError('flow.not_running', `The called flow ${flowId} is stopped.`);
    const correlationId = deriveMessageId(parentId, 'call', flowId);
    const entries = Object.entries(flow.descriptor).filter(([, component]) => component.type === 'weft.utils.controls.OnCall');
    const shares = splitShare(wholeShare(), entries.length);
    const messages: DeliverMessage[] = entries.map(([componentId], i) => ({
      type: 'deliver', id: deriveMessageId(correlationId, componentId), userId, flowId, componentId, port: 'call', correlationId,
      attempt: 1, content: { data }, scope: {}, callDepth: callDepth + 1, share: shares[i]!,
    }));
    if (messages.length === 0) throw new WeftError('flow.no_entry', `Flow ${flowId} has no OnCall trigger.`, { retry: 'never' });
    await this.publishMessages(flow, messages);
    return { correlationId };
  }

  /**
   * The host application's event `name` (`POST /app-events/:name`): a run of each of `flows` (running
   * ones of the caller's tenant or user) from every AppEvent component listening for `name`. Ids
   * derive from `eventId`, so the same event sent twice starts each run once. `registered`: the
   * host registered the name (else the run's log says it did not).
   */
  async fireAppEvent(flows: readonly FlowRecord[], name: string, eventId: string, data: unknown, registered: boolean): Promise<{ flowId: string; correlationId: string }[]> {
    const runs: { flowId: string; correlationId: string }[] = [];
    const at = this.now();
    for (const record of flows) {
      const flow = await this.flows.get(record.flowId);
      if (!flow || flow.record.stage !== 'running' || flow.ownerDisabled) continue;
      const entries = Object.entries(flow.descriptor).filter(([, component]) =>
        component.type === 'weft.utils.app.AppEvent' && (component.config?.properties as { event?: unknown } | undefined)?.event === name);
      if (entries.length === 0) continue;
      const correlationId = deriveMessageId(`app-event:${eventId}`, record.flowId);
      const shares = splitShare(wholeShare(), entries.length);
      const messages: DeliverMessage[] = entries.map(([componentId], i) => ({
        type: 'deliver', id: deriveMessageId(correlationId, componentId), userId: record.userId, flowId: record.flowId, componentId, port: 'event',
        correlationId, attempt: 1, content: { event: name, data, id: eventId, at, registered }, scope: {}, share: shares[i]!,
      }));
      await this.publishMessages(flow, messages);
      runs.push({ flowId: record.flowId, correlationId });
    }
    return runs;
  }

  async notifyErrorFlow(flow: LoadedFlow, failed: EngineMessage, componentType: string, error: { code: string; message: string }, componentId = failed.componentId): Promise<void> {
    const errorFlowId = flow.record.errorFlowId;
    if (!errorFlowId) return;
    const target = await this.flows.get(errorFlowId);
    if (!target || target.record.userId !== flow.record.userId || target.record.stage !== 'running') return;
    const report = {
      flowId: failed.flowId, flowName: flow.record.name, componentId, componentType,
      correlationId: failed.correlationId, messageId: failed.id, attempts: failed.attempt, error,
      content: failed.type === 'deliver' ? failed.content : null,
    };
    const messages: DeliverMessage[] = Object.entries(target.descriptor)
      .filter(([, component]) => component.type === 'weft.utils.controls.ErrorTrigger')
      .map(([componentId]) => ({
        type: 'deliver', id: deriveMessageId(failed.id, 'error-flow', errorFlowId, componentId), userId: flow.record.userId,
        flowId: errorFlowId, componentId, port: 'error', correlationId: failed.correlationId, attempt: 1, content: report, scope: {},
      }));
    await this.publishMessages(target, messages);
  }

  /** Put an unprocessed message back on the Bus, optionally with edited content. */
  async retryUnprocessed(id: string, userId: string | undefined, content?: Record<string, unknown>): Promise<string> {
    const parked = await this.store.getUnprocessed(id, userId);
    if (!parked) throw new WeftError('unprocessed.not_found', 'No such unprocessed message.', { status: 404, retry: 'never' });
    const retries = (typeof parked.message.retries === 'number' ? parked.message.retries : 0) + 1;
    // Content edited from the redacted view keeps "[redacted]" where credentials were: put the real ones back.
    const edited = content ? { content: restoreRedacted(content, parked.message.content) } : {};
    const { afterCrash: _afterCrash, ...rest } = parked.message;
    const message = { ...rest, attempt: 1, retries, ...edited };
    const messageId = typeof parked.message.id === 'string' ? parked.message.id : parked.id;
    // A person retries it: whatever made it a poison message is meant to be fixed, so its count of deaths starts again.
    await this.store.stateUnset(UNFINISHED_RUNS, messageId);
    // A failure parked at the component a mapping led into holds the sender's message: it goes back to the sender's queue.
    const target = typeof parked.message.componentId === 'string' && parked.message.componentId !== parked.componentId
      ? (await this.flows.get(parked.flowId))?.descriptor[parked.message.componentId]?.type
      : undefined;
    await this.bus.publish(this.queues.queueFor(target ?? parked.componentType), [{ id: messageId, body: message }]);
    await this.store.deleteUnprocessed(id, userId);
    return parked.id;
  }
}

/** Every edge mapping of a component's `config.transform` (`{ inPort: { sourceId: { outPort: { lambda } } } }`). */
function portMappings(transform: unknown): PortMapping[] {
  const mappings: PortMapping[] = [];
  const entries = (value: unknown) => (value !== null && typeof value === 'object' ? Object.entries(value) : []);
  for (const [port, sources] of entries(transform)) {
    for (const [sourceId, outPorts] of entries(sources)) {
      for (const [outPort, edge] of entries(outPorts)) {
        const lambda = (edge as { lambda?: unknown } | null)?.lambda;
        if (lambda !== null && typeof lambda === 'object' && !Array.isArray(lambda)) {
          mappings.push({ port, path: `transform.${port}.${sourceId}.${outPort}.lambda`, lambda: lambda as Record<string, unknown> });
        }
      }
    }
  }
  return mappings;
}

/** Same JSON whatever the order of object keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  // Most comparisons are of a draft and its published copy, stored with the same key order: plain
  // JSON settles them at a fraction of the cost of sorting every object's keys (30× at 1,000 components).
  if (a === b || JSON.stringify(a) === JSON.stringify(b)) return true;
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

export function tickTimerId(flowId: string, componentId: string): string {
  return `tick:${flowId}:${componentId}`;
}

/**
 * The accounts a descriptor's components name (`account` property, not mapped), found once per
 * descriptor object (`perDescriptor`); the accounts themselves are read each time.
 */
const accountsNamed = perDescriptor((flow): readonly { componentId: string; accountId: string; type: unknown }[] => {
  const found: { componentId: string; accountId: string; type: unknown }[] = [];
  for (const [componentId, component] of Object.entries(flow)) {
    const given = (component as { config?: { properties?: unknown } } | null)?.config?.properties;
    if (typeof given !== 'object' || given === null) continue;
    const accountId = accountIdOf(given as Record<string, unknown>);
    if (accountId === undefined || accountId.includes('{{')) continue;
    found.push({ componentId, accountId, type: (component as { type?: unknown }).type });
  }
  return found;
});
