/** @module Engine core: what the dispatcher, scheduler and lifecycle share (ports, caches, settings), and the part each one needs. */
import type { ModifierRegistry } from '@weft/variables';
import type { Bus, PublishBatch, PublishOptions } from '../ports/bus.ts';
import type { Store } from '../ports/store.ts';
import type { BackoffPolicy } from './backoff-schedule.ts';
import type { CancelledRuns } from './cancelled-runs.ts';
import type { ContextServices } from './component-context.ts';
import type { ComponentRegistry } from './component-registry.ts';
import type { FlowCache, LoadedFlow } from './flow-cache.ts';
import type { ProcessedIds } from './processed-ids.ts';
import type { LogWriter } from './log-writer.ts';
import type { EngineMessage, WebhookReply } from './message.ts';
import type { QueueRouting } from './queue-routing.ts';
import type { Send } from './routes-plan.ts';
import type { RunValues } from './run-values.ts';
import type { EngineLimits } from './engine.ts';

export interface EngineCore {
  readonly store: Store;
  readonly bus: Bus;
  readonly components: ComponentRegistry;
  readonly modifiers: ModifierRegistry;
  readonly flows: FlowCache;
  readonly processed: ProcessedIds;
  readonly logs: LogWriter;
  readonly backoff: BackoffPolicy;
  readonly instanceId: string;
  readonly queues: QueueRouting;
  readonly contextServices: ContextServices;
  readonly limits: EngineLimits;
  readonly runValues: RunValues;
  readonly cancelled: CancelledRuns;
  now(): number;
  random(): number;
  reportError(error: unknown): void;
  answerWebhook(reply: WebhookReply, replyTo: string | undefined): Promise<void>;
  /** A branch of a held run ended without answering; see run-share.ts. */
  settleShare(correlationId: string, messageId: string, share: string, replyTo: string | undefined): Promise<void>;
  /** Publish what a trigger, tick or start sent, as messages of run `correlationId`. */
  publishSends(flow: LoadedFlow, senderId: string, sends: readonly Send[], causeId: string, correlationId: string, test?: boolean, share?: string): Promise<void>;
  /** Messages of `flow` grouped by the queue of their target component's type. */
  planPublish(flow: LoadedFlow | undefined, messages: readonly EngineMessage[], options?: PublishOptions): PublishBatch[];
  /** Publish messages of `flow`, each on the queue of its target component's type. */
  publishMessages(flow: LoadedFlow | undefined, messages: readonly EngineMessage[], options?: PublishOptions): Promise<void>;
  /** `componentId`: where the run failed, when not at the message's own component (a mapping into the next one). */
  notifyErrorFlow(flow: LoadedFlow, failed: EngineMessage, componentType: string, error: { code: string; message: string }, componentId?: string): Promise<void>;
}

/** What the dispatcher needs of the engine: no lifecycle, webhooks or roles. */
export type DispatcherDeps = Pick<
  EngineCore,
  | 'store' | 'bus' | 'components' | 'modifiers' | 'flows' | 'processed' | 'logs' | 'backoff' | 'instanceId' | 'queues' | 'contextServices'
  | 'limits' | 'runValues' | 'cancelled' | 'now' | 'random' | 'reportError' | 'answerWebhook' | 'settleShare' | 'publishSends' | 'planPublish' | 'notifyErrorFlow'
>;

/** What the scheduler needs of the engine: the Store's timers, the flows, and the Bus with the plan of where each message goes. */
export type SchedulerDeps = Pick<EngineCore, 'store' | 'bus' | 'components' | 'flows' | 'cancelled' | 'now' | 'reportError' | 'planPublish' | 'queues'>;
