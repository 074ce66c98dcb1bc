/** @module Delivery work: what the steps of one delivery leave to do once they have run (publish, mark processed, then report). */
import type { LoadedFlow } from './flow-cache.ts';
import type { EngineMessage } from './message.ts';

/**
 * The dispatcher's steps do not publish or mark anything themselves: they add to the work of their
 * delivery, which completes it at once (in one commit where the Bus can), so a chain of fused steps
 * costs one durable step, and a crash before the commit leaves nothing half done.
 */
export class DeliveryWork {
  /** The flow the messages belong to (their queues come from its component types). */
  flow: LoadedFlow | undefined;
  /** Messages to publish now. */
  readonly messages: EngineMessage[] = [];
  /** Messages to publish later: retries with backoff, messages over their quota. */
  readonly delayed: { queue: string; message: EngineMessage; delayMs: number }[] = [];
  /** Ids of the messages that ran to completion here: the delivered one and the steps it fused. */
  readonly processed: string[] = [];
  /** Once committed: log records and ended shares of the steps, in the order they ran. */
  readonly after: (() => Promise<void> | void)[] = [];
}
