/** @module Dispatcher: takes one message from the Bus, runs receive, publishes what it sent, then acks. */
import { isWeftError, RetryError, WeftError, assertNever, type ComponentDefinition } from '@weft/connector-kit';
import type { Delivery } from '../ports/bus.ts';
import { DeliveryWork } from './delivery-work.ts';
import { InlineDelivery } from './inline-delivery.ts';
import { backoffDelay } from './backoff-schedule.ts';
import { ExclusiveGate } from './exclusive-gate.ts';
import { FairShare } from './fair-share.ts';
import { accountIdOf, buildContext, connectedSourcesOf, propertiesWithDefaults, type BuiltContext, type ResolvedAccount } from './component-context.ts';
import type { DispatcherDeps } from './engine-core.ts';
import type { LoadedFlow } from './flow-cache.ts';
import type { LogRecord, RunMark } from '../ports/log-index.ts';
import { logRecordId } from './log-record-id.ts';
import { deriveMessageId, EngineMessage, type DeliverMessage, type TickMessage } from './message.ts';
import { scrubSecrets } from './redact.ts';
import { isSome } from './run-share.ts';
import { nestsDeeperThan } from './run-values.ts';
import { serializeBody } from '../ports/bus.ts';
import { LoopSlices, YIELD_EVERY_MS, yieldToEventLoop } from './loop-slices.ts';
import { MappingFailure, planRoutesNow, type Send } from './routes-plan.ts';

/** What a step files before the log writer adds the payload. */
type MessageLogRecord = Omit<LogRecord, 'payload' | 'truncated'>;

/** Store state scope counting, per message id, the runs of a redelivered message that never finished. */
export const UNFINISHED_RUNS = 'engine:unfinished-runs';

/** How long a message of a user or tenant over its in-flight cap waits before it is offered again. */
const DEFER_MS = 50;
/**
 * Answered inline calls whose reports (log records, run history) may still be waiting at once; past
 * this, a call files its reports before it is answered, so a flood of calls cannot pile up reports.
 */
const MAX_REPORTING = 64;
/**
 * How long an answered call's reports hold the event loop at most (ms). A 40-step chain's fit in
 * one slice; a turn of the loop before each step's records cost more than the records (~6 µs of
 * CPU a turn, two immediates and a poll, measured on the shared 2-core machine: ~0.25 ms a call).
 */
const REPORT_SLICE_MS = 0.5;

/** Resolves (true) at `at` (epoch ms), never before: where the Bus cannot hold a delivery without its slot. */
const sleepUntil = async (at: number): Promise<boolean> => {
  for (let left = at - Date.now(); left > 0; left = at - Date.now()) await new Promise((resolve) => setTimeout(resolve, left));
  return true;
};

/** What a delivery held until its due time does around its root component's receive. */
interface Hold {
  /**
   * Resolves once the message is due (true), or once the worker stops first (false). The Bus's
   * promise itself, shared by every delivery held until the same time: a held run waits in as few
   * async frames as can be (thousands wait at once).
   */
  due(): Promise<boolean>;
  /**
   * Once due: whether it may run as prepared (true), or must go back to the Bus (false: the worker
   * is stopping, or its flow changed or stopped here meanwhile).
   */
  mayRun(flow: LoadedFlow, isDue: boolean): Promise<boolean>;
  /** After the receive: waits for a slot of the worker before the rest of the run (see `#released`). */
  afterReceive(): Promise<void>;
}

/** Counting slots, taken in the order asked for. */
class Slots {
  #used = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(private readonly size: () => number) {}

  async take(): Promise<void> {
    if (this.#used < Math.max(1, this.size())) {
      this.#used += 1;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  give(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#used -= 1;
  }
}

/** Deepest message content a fused step takes in memory; deeper ones cross the Bus (see pureDefinition). */
const FUSE_MAX_DEPTH = 256;

export class Dispatcher {
  /** Deliveries in flight in this process, per user and per tenant. */
  readonly #share: FairShare;
  readonly #gate = new ExclusiveGate();
  /** Reports of answered inline calls still being filed (see `complete`). */
  readonly #reporting = new Set<Promise<void>>();
  /**
   * Held deliveries resume together when due, each receive starting at once; what each run does
   * after its receive (routes, fused steps, commit, log records) then takes one of as many slots as
   * the worker has, so 10,000 fires due at once are not 10,000 runs in memory at once.
   */
  readonly #released: Slots;

  constructor(private readonly core: DispatcherDeps) {
    this.#share = new FairShare(() => core.limits);
    this.#released = new Slots(() => core.limits.workerSlots);
  }

  /** The Bus handler. Never throws: every outcome ends in an ack or a nack. */
  handle = async (delivery: Delivery): Promise<void> => {
    // A message the engine made for this very delivery (an inline webhook call) is valid as built.
    const parsed = delivery.isNew === true ? { success: true as const, data: delivery.message.body as EngineMessage } : EngineMessage.safeParse(delivery.message.body);
    if (!parsed.success) {
      this.core.reportError(new WeftError('message.malformed', `Dropped a malformed message ${delivery.message.id}`, { details: parsed.error.issues }));
      await delivery.ack();
      return;
    }
    const message = parsed.data;
    try {
      if (delivery.isNew !== true && (await this.core.processed.has(message.id))) {
        await delivery.ack();
        return;
      }
      // Someone cancelled this run: its pending messages go nowhere (the cancel itself is logged).
      if (this.core.cancelled.has(message.correlationId)) {
        await this.core.processed.mark(message.id);
        await delivery.ack();
        return;
      }
      // The tenant is the flow's (the flow cache serves it; dispatch reads the same entry).
      const tenantId = this.core.limits.tenantInFlight ? (await this.core.flows.get(message.flowId, message.test === true))?.record.tenantId : undefined;
      // A redelivery may come from a process that died while running this very message. Count the
      // runs of a redelivered message that started and never finished: every message in flight in
      // a crashed process comes back, but only the one running alone is counted, and a run that
      // finishes clears its count (a first delivery is not counted: it costs nothing). What a
      // redelivered run publishes may be a copy of the killer, so it is a suspect too.
      const suspect = delivery.deliveryCount > 1 || message.afterCrash === true;
      // A timer's message published ahead of its due time (scheduler.ts, "Timers ahead of time" in
      // the README) is prepared now and waits, just before its component's receive, until it is due.
      // A suspect waits here instead, before anything: it will run alone, prepared or not.
      let holdUntil = message.type === 'deliver' && message.notBefore !== undefined && message.notBefore > this.core.now() ? message.notBefore : undefined;
      if (holdUntil !== undefined && suspect) {
        if (!(await (delivery.holdUntil ? delivery.holdUntil(holdUntil) : sleepUntil(holdUntil)))) {
          await delivery.nack({ uncounted: true });
          return;
        }
        // Its timer may have been cleared while it waited (context.clearTimeout marks it processed).
        if (await this.core.processed.has(message.id)) {
          await delivery.ack();
          return;
        }
        holdUntil = undefined;
      }
      // A held message takes its share of the worker only once due (waiting, it holds no slot).
      let isCounted = holdUntil === undefined;
      if (isCounted && !this.#share.enter(message.userId, tenantId)) {
        // This user or tenant already holds their share of this worker (slow requests, a flood of
        // calls): the message goes back to the queue for a moment, uncounted, so others get a turn.
        await delivery.nack({ delayMs: DEFER_MS, uncounted: true });
        return;
      }
      let isGivenBack = false;
      let hasSlot = false;
      const hold: Hold | undefined = holdUntil === undefined ? undefined : {
        due: () => (delivery.holdUntil ? delivery.holdUntil(holdUntil) : sleepUntil(holdUntil)),
        mayRun: async (flow, isDue) => {
          // Due: it runs now, counted, even over its user's share: it was taken and prepared so as to
          // start on time, and the share of every other user is counted apart (fair-share.ts).
          this.#share.enterAnyway(message.userId, tenantId);
          isCounted = true;
          // Back to the Bus, unrun, if the worker is stopping, if the flow was stopped or changed
          // here while it waited (this process invalidated its entry), or if its run was cancelled
          // meanwhile: delivered again, it is dispatched (or dropped) as things are then.
          // So is one whose timer was cleared meanwhile (context.clearTimeout marks it processed): the
          // redelivery finds it processed and drops it.
          if (!isDue || !this.core.flows.isCurrent(message.flowId, flow) || this.core.cancelled.has(message.correlationId) || (await this.core.processed.has(message.id))) isGivenBack = true;
          return !isGivenBack;
        },
        afterReceive: async () => {
          await this.#released.take();
          hasSlot = true;
        },
      };
      // A suspect runs alone: if the process dies now, it is the one that killed it.
      await this.#gate.enter(suspect);
      let isParked = false;
      const work = new DeliveryWork();
      try {
        if (suspect) {
          const unfinished = await this.core.store.stateIncrement(UNFINISHED_RUNS, message.id, 1);
          if (unfinished > this.core.limits.maxRedeliveries) {
            // Every earlier run of it ended with its process dying: running it again would take
            // this process down too. Park it for a person instead. The count stays, so that a copy
            // of the message still on the queue is parked as well (a retry by hand clears it).
            await this.parkPoison(message, unfinished, work);
            isParked = true;
          } else {
            // A suspect fuses nothing: each step it leads to runs in a delivery of its own, so a
            // step that kills its process is counted, and parked as poison, on its own message.
            await this.dispatch(message, work, { isRedelivery: delivery.deliveryCount > 1, fuses: false });
          }
        } else {
          await this.dispatch(message, work, { isRedelivery: false, fuses: true, hold });
        }
      } finally {
        this.#gate.leave(suspect);
        if (isCounted) this.#share.leave(message.userId, tenantId);
        if (suspect && !isParked) await this.core.store.stateUnset(UNFINISHED_RUNS, message.id);
      }
      try {
        if (isGivenBack) await delivery.nack({ uncounted: true });
        else await this.complete(delivery, work);
      } finally {
        if (hasSlot) this.#released.give();
      }
    } catch (error) {
      // Infrastructure failed (store or bus): give the message back and let the Bus redeliver it.
      // The message did not kill anything, so this delivery does not count towards poison.
      this.core.reportError(error);
      await delivery.nack({ delayMs: 1000, uncounted: true }).catch((nackError: unknown) => this.core.reportError(nackError));
    }
  };

  /**
   * Publish what the delivery sent, mark it (and the steps it fused) processed and ack it: in one
   * commit where the Bus can (`Delivery.commit`), else in that order. Then tell the run history and
   * the held request what ended.
   */
  private async complete(delivery: Delivery, work: DeliveryWork): Promise<void> {
    const core = this.core;
    const planned = [
      ...core.planPublish(work.flow, work.messages),
      ...work.delayed.map(({ queue, message, delayMs }) => ({ queue, messages: [{ id: message.id, body: message }], options: { delayMs } })),
    ];
    // A run keeps the priority it started with (a tenant within its rate stays ahead of a flood).
    const priority = delivery.message.priority;
    const publishes = priority ? planned.map((batch) => ({ ...batch, messages: batch.messages.map((message) => ({ ...message, priority })) })) : planned;
    // A run of replayable steps that publishes nothing stores no processed ids (DeliveryWork.needsMarks).
    const processed = work.needsMarks ? work.processed : [];
    if (delivery.commit) {
      await delivery.commit({ publishes, processed: { ids: processed, at: core.now() } });
    } else {
      await Promise.all(publishes.map(({ queue, messages, options }) => core.bus.publish(queue, messages, options)));
      await Promise.all(processed.map((id) => core.processed.mark(id)));
      await delivery.ack();
    }
    // An inline webhook call is answered as soon as its commit is done. What is left, the steps' log
    // records and the run history, is reporting that a caller never waited for on a Bus delivery
    // either; it used to run before the answer (0.37 ms of a 40-step chain's ~1.3 ms, measured), so
    // now it runs after, giving way to the next request first and then every REPORT_SLICE_MS. Other deliveries report
    // before they finish, so a worker's reports stay bounded by its prefetch; inline ones by MAX_REPORTING.
    if (!(delivery instanceof InlineDelivery) || this.#reporting.size >= MAX_REPORTING) {
      await this.report(work, false);
      return;
    }
    const reports = this.report(work, true);
    this.#reporting.add(reports);
    void reports.finally(() => this.#reporting.delete(reports));
  }

  /** Resolves once every answered inline call has filed its reports (the engine's stop waits for it). */
  async reported(): Promise<void> {
    while (this.#reporting.size > 0) await Promise.all(this.#reporting);
  }

  /**
   * The steps' log records and ended shares, in the order they ran. `givingWay`: after the caller's
   * answer, letting the event loop take a turn first (the answer, and a request that came meanwhile,
   * go before the reports) and then every REPORT_SLICE_MS; otherwise only every YIELD_EVERY_MS, as a
   * long fused chain does.
   */
  private async report(work: DeliveryWork, givingWay: boolean): Promise<void> {
    if (givingWay) await yieldToEventLoop();
    const slices = new LoopSlices(givingWay ? REPORT_SLICE_MS : YIELD_EVERY_MS);
    for (const step of work.after) {
      const due = slices.due();
      if (due) await due;
      try {
        const { message, ended } = step;
        if (ended && message.replyTo && !step.share.isAnswered) await this.core.settleShare(message.correlationId, message.id, ended, message.replyTo);
        this.logStep(message, step.componentType, step.started, step.finished, step.sends, step.secrets, runMark(message, ended, step.timers));
      } catch (error) {
        this.core.reportError(error);
      }
    }
  }

  private async parkPoison(message: EngineMessage, deliveries: number, work: DeliveryWork): Promise<void> {
    const flow = await this.core.flows.get(message.flowId, message.test === true);
    const componentType = flow?.descriptor[message.componentId]?.type ?? 'unknown';
    const error = new WeftError(
      'message.poison',
      `This message was run ${deliveries} times and its process stopped each time before finishing (crashed, killed or out of memory); it is parked so it cannot take the engine down again. Fix the flow or the data, then retry it.`,
      { retry: 'never', status: 500 },
    );
    await this.fail(message, flow, componentType, error, 0, work);
  }

  private async dispatch(message: EngineMessage, work: DeliveryWork, options: { isRedelivery: boolean; fuses: boolean; hold?: Hold | undefined }): Promise<void> {
    const flow = await this.core.flows.get(message.flowId, message.test === true);
    const component = flow?.descriptor[message.componentId];
    if (!flow || !component || flow.record.userId !== message.userId || flow.ownerDisabled || (flow.record.stage !== 'running' && !message.test)) {
      // The flow was stopped, deleted or changed, or its owner disabled: the message has nowhere to go, and its branch ends.
      if (message.share) {
        if (message.replyTo) await this.core.settleShare(message.correlationId, message.id, message.share, message.replyTo);
        this.core.logs.write({
          id: logRecordId(message.id, 'dropped'), time: this.core.now(), userId: message.userId, flowId: message.flowId, componentId: message.componentId,
          componentType: component?.type ?? 'unknown', port: message.type === 'deliver' ? message.port : 'tick', direction: 'log', severity: 'warn',
          correlationId: message.correlationId, messageId: message.id, run: { ended: message.share },
        }, { message: 'The flow was stopped, deleted or changed, or its owner disabled: this message had nowhere to go.' });
      }
      work.processed.push(message.id);
      work.replayable = false;
      return;
    }
    work.flow = flow;
    const definition = this.core.components.get(component.type);
    if (!definition) {
      await this.fail(message, flow, component.type, new WeftError('component.unknown_type', `No component type ${component.type}`, { retry: 'never' }), 0, work);
      return;
    }
    switch (message.type) {
      case 'deliver':
        return this.receive(message, flow, definition, work, options);
      case 'tick':
        return this.tick(message, flow, definition);
      default:
        assertNever(message, 'message type');
    }
  }

  /**
   * Run the message's component, then, while what it sends goes to pure components of the same
   * queue (and the budget of one delivery lasts), run those here too instead of over the Bus; what
   * goes anywhere else is published when the delivery completes. See the README, "Fusing pure steps".
   */
  private async receive(root: DeliverMessage, flow: LoadedFlow, rootDefinition: ComponentDefinition, work: DeliveryWork, options: { isRedelivery: boolean; fuses: boolean; hold?: Hold | undefined }): Promise<void> {
    const core = this.core;
    const { fuseSteps, fuseFanOut, fuseMs } = core.limits;
    const queue = core.queues.queueFor(rootDefinition.manifest.name);
    // The steps fused after the root are pure by construction (pureDefinition); the root may not be.
    const { manifest: rootManifest } = rootDefinition;
    if (rootManifest.quota !== undefined || (rootManifest.pure !== true && rootManifest.webhook !== true)) work.replayable = false;
    let deadline = core.now() + fuseMs;
    let fused = 0;
    const slices = new LoopSlices(YIELD_EVERY_MS);
    // A held message's budget starts when it is due, not while it waits.
    const { hold } = options;
    const rootHold: Hold | undefined = hold === undefined ? undefined : {
      ...hold,
      afterReceive: async () => {
        await hold.afterReceive();
        deadline = core.now() + fuseMs;
        slices.restart();
      },
    };
    // Depth first, in the order things were sent: a chain runs to its end before its siblings.
    const pending: { message: DeliverMessage; definition: ComponentDefinition }[] = [{ message: root, definition: rootDefinition }];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      // A long fused chain runs in memory, where awaiting settled promises never lets I/O in: give
      // the event loop a turn every YIELD_EVERY_MS so that other requests (/health, webhooks) are answered.
      const due = next.message !== root ? slices.due() : undefined;
      if (due) await due;
      const sent = await this.step(next.message, flow, next.definition, work, options.isRedelivery && next.message === root, next.message === root ? rootHold : undefined);
      if (sent === undefined) continue;
      const fusable = options.fuses && sent.length <= fuseFanOut
        ? sent.map((message) => this.pureDefinition(flow, message, queue))
        : [];
      const here: { message: DeliverMessage; definition: ComponentDefinition }[] = [];
      sent.forEach((message, i) => {
        const definition = fusable[i];
        if (definition !== undefined && fused < fuseSteps && core.now() < deadline) {
          fused += 1;
          here.push({ message, definition });
        } else {
          work.messages.push(message);
        }
      });
      for (let i = here.length - 1; i >= 0; i -= 1) pending.push(here[i]!);
    }
  }

  /** The definition of the component `message` goes to, if it may run in this delivery: pure, without quota, on the same queue. */
  private pureDefinition(flow: LoadedFlow, message: DeliverMessage, queue: string): ComponentDefinition | undefined {
    const type = flow.descriptor[message.componentId]?.type;
    const definition = type === undefined ? undefined : this.core.components.get(type);
    if (definition?.manifest.pure !== true || definition.manifest.quota !== undefined) return undefined;
    // A value nested deeper than JSON can safely carry goes through the Bus, which refuses it as
    // bus.unserializable exactly as without fusion (in memory it would only fail later, elsewhere).
    if (nestsDeeperThan(message.content, FUSE_MAX_DEPTH)) return undefined;
    return this.core.queues.queueFor(type) === queue ? definition : undefined;
  }

  /**
   * One receive: run the component, plan what it sent, and leave the rest to the delivery's work
   * (its id to mark processed, its log records and ended share to file after the commit). Returns
   * the planned messages, or undefined when the step failed (retried or parked, like any message)
   * or waits for its quota.
   */
  private async step(message: DeliverMessage, flow: LoadedFlow, definition: ComponentDefinition, work: DeliveryWork, isRedelivery: boolean, hold?: Hold): Promise<DeliverMessage[] | undefined> {
    const { manifest, behaviour } = definition;
    const core = this.core;
    if (manifest.quota) {
      const scope = manifest.quota.scope === 'global' ? 'global' : message.userId;
      const quota = await core.store.takeQuota(`quota:${manifest.name}:${scope}`, manifest.quota.limit, manifest.quota.windowMs, core.now());
      if (!quota.ok) {
        // Over quota: the message waits for the next window instead of failing.
        work.delayed.push({ queue: core.queues.queueFor(manifest.name), message, delayMs: quota.retryAfterMs });
        return undefined;
      }
    }
    const component = flow.descriptor[message.componentId]!;
    let started = core.now();
    let account: ResolvedAccount | undefined;
    let built: BuiltContext | undefined;
    // What the receive sent, for the catch: `built` is dropped once the receive returns.
    let sent: BuiltContext['sends'] | undefined;
    try {
      const properties = propertiesWithDefaults(manifest, component.config.properties);
      // Only a component that names an account reads it (one Store read, decrypted for this call).
      const accountId = accountIdOf(properties);
      if (accountId !== undefined) account = await resolveAccount(core, message.userId, accountId);
      // Load the stored outputs this receive needs: what the sender sent (for pass-through
      // components) and what the out edges' mappings read.
      // (Nothing to load, and nothing to await, when the message refers to no stored output.)
      const from = message.from;
      const resolved = message.refs === undefined ? message.scope : await core.runValues.resolve(message.userId, message.scope, message.refs, from ? [[from.componentId, from.port] as const, ...(flow.reads[message.componentId] ?? [])] : (flow.reads[message.componentId] ?? []));
      const upstream = message.upstream ?? (from ? resolved[from.componentId]?.[from.port] : undefined);
      built = buildContext({
        services: core.contextServices,
        userId: message.userId,
        flowId: message.flowId,
        componentId: message.componentId,
        manifest,
        properties,
        correlationId: message.correlationId,
        causeId: message.id,
        port: message.port,
        attempt: message.attempt,
        retries: message.retries,
        messages: {
          [message.port]: {
            content: message.content,
            correlationId: message.correlationId,
            messageId: message.id,
            from: message.from,
            upstream,
          },
        },
        connectedSources: connectedSourcesOf(component.source),
        scope: message.scope,
        refs: message.refs,
        callDepth: message.callDepth,
        test: message.test === true,
        replyTo: message.replyTo,
        share: message.share,
        auth: account?.auth,
      });
      const { sends, share } = built;
      sent = sends;
      if (hold !== undefined) {
        // Prepared, its context built: the receive starts when the message is due, or the message
        // goes back to the Bus unrun. It waits on the Bus's promise itself (shared by every fire
        // due at the same time), in no async frame of its own.
        const isDue = await hold.due();
        if (!(await hold.mayRun(flow, isDue))) return undefined;
        started = core.now();
      }
      await behaviour.receive?.(built.context);
      built.finishLog();
      // Dropped once the receive returns, so a run waiting for a slot (hold.afterReceive) keeps only
      // what it sent, not its context (a suspended async function keeps every local it set).
      built = undefined;
      if (hold !== undefined) await hold.afterReceive();
      // Planned without a promise unless a mapping calls a custom modifier (planRoutesNow).
      const planned = planRoutesNow({
        outEdges: flow.outEdges, parent: message, resolved, senderId: message.componentId, sends, modifiers: core.modifiers, limits: core.limits, names: flow.names,
      });
      const next = planned instanceof Promise ? await planned : planned;
      // Run again after a crash, this message may publish copies of a message that was running when
      // the process died: they are suspects too, run alone and counted (one hop: their own
      // children are ordinary messages again).
      if (isRedelivery) for (const planned of next.messages) planned.afterCrash = true;
      // The Bus serialises what it publishes only when the delivery commits, after this step is
      // done: a message too deep for JSON fails here, as this step's error (bus.unserializable,
      // never retried), not the whole commit. Only deep ones pay for the check.
      for (const planned of next.messages) if (nestsDeeperThan(planned.content, FUSE_MAX_DEPTH)) serializeBody(planned);
      const shares = share.settle(next.messages.length);
      shares.sends?.forEach((part, i) => (next.messages[i]!.share = part));
      // Answered: the held request needs nothing more from this run, so its messages stop reporting to it.
      if (share.isAnswered) for (const planned of next.messages) delete planned.replyTo;
      // Stored now: a step fused after this one may read them before the delivery commits.
      if (next.values.length > 0) await core.runValues.save(message.userId, next.values);
      work.processed.push(message.id);
      // Reported once the delivery is committed (`report`), timed now.
      work.after.push({ message, componentType: manifest.name, started, finished: core.now(), sends, secrets: account?.secrets, share, ended: shares.ended, timers: share.timers });
      return next.messages;
    } catch (error) {
      built?.finishLog();
      // The component itself ran and sent; the mapping into the next one failed: the run shows both.
      if (error instanceof MappingFailure && sent !== undefined) this.logStep(message, manifest.name, started, core.now(), sent, account?.secrets, undefined);
      const rejected = isWeftError(error) && (error.details as { accountRejected?: unknown } | undefined)?.accountRejected === true;
      if (rejected && account?.auth.fields.accessToken !== undefined) {
        await core.contextServices.expireAccountToken?.(message.userId, account.auth.accountId, account.auth.fields.accessToken);
      }
      await this.fail(message, flow, manifest.name, error, core.now() - started, work, manifest.maxAttempts, account?.secrets);
      return undefined;
    }
  }

  /**
   * A step's records: what it received (`in`, timed from its start to `finished`, with `run`, what
   * it tells the run history: the share it ended, timers it set) and each send (`out`, at `finished`).
   */
  private logStep(message: DeliverMessage, componentType: string, started: number, finished: number, sends: readonly Send[], secrets: readonly string[] | undefined, run: RunMark | undefined): void {
    const logs = this.core.logs;
    // Each record one object literal of its own: spreading a shared base into every record was ~15 % of a 40-step chain (--cpu-prof).
    const received: MessageLogRecord = {
      id: logRecordId(message.id, 'in'), time: started, userId: message.userId, flowId: message.flowId, componentId: message.componentId,
      componentType, port: message.port, direction: 'in', severity: 'info', correlationId: message.correlationId, messageId: message.id,
      durationMs: finished - started,
    };
    if (run) received.run = run;
    logs.write(received, message.content);
    for (let i = 0; i < sends.length; i += 1) {
      const send = sends[i]!;
      // An answer that echoes the account's secret does not carry it into the logs.
      const logged = secrets ? scrubSecrets(send.data, secrets) : send.data;
      logs.write({
        id: logRecordId(message.id, 'out', i), time: finished, userId: message.userId, flowId: message.flowId, componentId: message.componentId,
        componentType, port: send.port, direction: 'out', severity: 'info', correlationId: message.correlationId, messageId: message.id,
      }, logged);
    }
  }

  private async tick(message: TickMessage, flow: LoadedFlow, definition: ComponentDefinition): Promise<void> {
    const core = this.core;
    const lease = `tick:${message.flowId}:${message.componentId}`;
    // One tick at a time per component: a slow tick is not overlapped, the next one is skipped.
    // The owner is this very tick, so a second tick of the same process is refused too.
    const owner = `${core.instanceId}:${message.id}`;
    if (!(await core.store.acquireLease(lease, owner, 10 * 60_000, core.now()))) {
      await core.processed.mark(message.id);
      return;
    }
    let account: ResolvedAccount | undefined;
    try {
      const component = flow.descriptor[message.componentId]!;
      const properties = propertiesWithDefaults(definition.manifest, component.config.properties);
      // A polling trigger reads its source with the account it names, as a receive does.
      const accountId = accountIdOf(properties);
      if (accountId !== undefined) account = await resolveAccount(core, message.userId, accountId);
      const { context, sends, finishLog } = buildContext({
        services: core.contextServices,
        userId: message.userId, flowId: message.flowId, componentId: message.componentId,
        manifest: definition.manifest,
        properties,
        correlationId: message.correlationId, causeId: message.id, port: 'tick', attempt: message.attempt, retries: message.retries,
        messages: {}, scope: {}, test: false,
        auth: account?.auth,
      });
      try {
        await definition.behaviour.tick?.(context);
      } finally {
        finishLog();
      }
      await core.publishSends(flow, message.componentId, sends, message.id, message.correlationId);
      await core.processed.mark(message.id);
    } catch (error) {
      core.logs.write({
        id: logRecordId(message.id, 'error'), time: core.now(), userId: message.userId, flowId: message.flowId, componentId: message.componentId,
        componentType: definition.manifest.name, port: 'tick', direction: 'error', severity: 'error', correlationId: message.correlationId,
        messageId: message.id, error: scrubSecrets(errorSummary(error), account?.secrets ?? []),
      }, null);
      await core.processed.mark(message.id);
    } finally {
      await core.store.releaseLease(lease, owner);
    }
  }

  /** Retry with backoff, or park the message as unprocessed after its last attempt. */
  private async fail(message: EngineMessage, flow: LoadedFlow | undefined, componentType: string, error: unknown, durationMs: number, work: DeliveryWork, maxAttempts?: number, secrets: readonly string[] = []): Promise<void> {
    const core = this.core;
    work.replayable = false;
    const summary = scrubSecrets(errorSummary(error), secrets);
    const policy = { ...core.backoff, maxAttempts: maxAttempts ?? core.backoff.maxAttempts };
    const retryable = !isWeftError(error) || error.retry === 'retry';
    const isLast = !retryable || message.attempt >= policy.maxAttempts;
    // A mapping into the next component that fails is that component's failure, not the sender's:
    // log it and park it there (the parked message is still the sender's, which a retry runs again).
    const failedComponent = error instanceof MappingFailure ? flow?.descriptor[error.componentId] : undefined;
    const at = failedComponent && error instanceof MappingFailure
      ? { componentId: error.componentId, componentType: failedComponent.type, port: error.inPort }
      : { componentId: message.componentId, componentType, port: message.type === 'deliver' ? message.port : 'tick' };
    core.logs.write({
      id: logRecordId(message.id, 'error', message.retries ?? 0, message.attempt), time: core.now(), userId: message.userId, flowId: message.flowId,
      componentId: at.componentId, componentType: at.componentType, port: at.port, direction: 'error',
      severity: isLast ? 'error' : 'warn', correlationId: message.correlationId, messageId: message.id, durationMs,
      error: { ...summary, message: isLast ? summary.message : `${summary.message} (attempt ${message.attempt} of ${policy.maxAttempts}, will retry)` },
    }, message.type === 'deliver' ? message.content : null);

    if (!isLast) {
      const delayMs = error instanceof RetryError && error.retryAfterMs !== undefined ? error.retryAfterMs : backoffDelay(message.attempt, policy, () => core.random());
      // Published with the delivery: a fused step's retry is its own message, and its upstream
      // steps, done and marked processed, do not run again.
      work.delayed.push({ queue: core.queues.queueFor(componentType), message: { ...message, attempt: message.attempt + 1 }, delayMs });
      return;
    }
    // A parked message may wait for a person for days: keep the outputs it refers to as long.
    if (message.type === 'deliver') await core.runValues.keep(message.userId, message.refs, core.now());
    await core.store.addUnprocessed({
      // A retried message that fails again is parked under a new id, so the retry that removes
      // the old record can never remove the new one.
      id: message.retries ? `${message.id}~${message.retries}` : message.id, userId: message.userId, flowId: message.flowId, componentId: at.componentId, componentType: at.componentType,
      message, error: summary, attempts: message.attempt,
      createdAt: core.now(), updatedAt: core.now(),
    });
    // The caller may be anyone on the internet: the details stay in the logs, under the correlation
    // id. Which component failed (by the name its owner gave it) tells the owner where to look.
    const name = flow?.names.get(at.componentId) ?? at.componentId;
    const body = {
      error: {
        code: 'flow.failed',
        message: `The flow failed at "${name}" and could not complete this call. Quote correlation id ${message.correlationId} to its owner.`,
        correlationId: message.correlationId,
        componentId: at.componentId,
      },
    };
    await core.answerWebhook({ correlationId: message.correlationId, body, status: 500, headers: {} }, message.replyTo);
    if (flow) await core.notifyErrorFlow(flow, message, at.componentType, summary, at.componentId);
  }
}

/** What a completed receive tells the run history: the share it ended, set in timers, or took back from one. */
function runMark(message: DeliverMessage, ended: string | undefined, timers: string | undefined): RunMark | undefined {
  const mark: RunMark = {};
  if (ended !== undefined) mark.ended = ended;
  if (timers !== undefined && isSome(timers)) mark.timers = timers;
  // A fired timer of this run (a trigger's timer starts a run of its own, under a derived correlation id).
  if (message.share !== undefined && message.port === 'timeout' && message.content.timeoutId === message.id && message.correlationId !== deriveMessageId(message.id, 'run')) {
    mark.fromTimer = message.share;
  }
  return Object.keys(mark).length > 0 ? mark : undefined;
}

async function resolveAccount(core: DispatcherDeps, userId: string, accountId: string): Promise<ResolvedAccount> {
  if (!core.contextServices.resolveAccount) {
    throw new WeftError('account.not_found', `The account "${accountId}" does not exist here; choose another account in the component's properties.`, { path: 'properties.account' });
  }
  return core.contextServices.resolveAccount(userId, accountId);
}

export function errorSummary(error: unknown): { code: string; message: string } {
  if (isWeftError(error)) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: 'component.error', message: error.message || error.name };
  return { code: 'component.error', message: String(error) };
}
