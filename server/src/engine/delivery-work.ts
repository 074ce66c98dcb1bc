/** @module Delivery work: what the steps of one delivery leave to do once they have run (publish, mark processed, then report). */
import type { LoadedFlow } from './flow-cache.ts';
import type { DeliverMessage, EngineMessage } from './message.ts';
import type { Send } from './routes-plan.ts';
import type { ReceiveShare } from './run-share.ts';

/** What one step leaves to report once its delivery is committed: its log records and the share its branch ended. */
export interface StepReport {
  message: DeliverMessage;
  componentType: string;
  /** When its receive started, and when the step (receive and plan) finished: its records are timed by these, not by when they are filed. */
  started: number;
  finished: number;
  sends: readonly Send[];
  /** The account's secrets, scrubbed from what the records show. */
  secrets: readonly string[] | undefined;
  share: ReceiveShare;
  /** The share its ended branch returns, and what the timers it set carry. */
  ended: string | undefined;
  timers: string | undefined;
}

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
  /**
   * True while every step that ran could run again with no effect a reader sees: a webhook trigger
   * or a pure component without quota, none failing (see `needsMarks`).
   */
  replayable = true;
  /** Once committed: log records and ended shares of the steps, in the order they ran. */
  readonly after: StepReport[] = [];

  /**
   * Whether the ids in `processed` must be stored. A delivery that publishes nothing and ran only
   * replayable steps leaves nothing a redelivery could repeat: run again (its process died before
   * the ack), it files the same log records under the same ids and sends the same answer, which the
   * held request has already taken (the first answer wins). That is the reasoning of an inline
   * webhook call (inline-delivery.ts), which stores nothing either; a Bus delivery of the same run
   * (RabbitMQ's api + worker) now skips the Store write too. The check before running is kept, so
   * an id marked elsewhere (a cancelled run, a cleared timer) is still honoured.
   */
  get needsMarks(): boolean {
    return !this.replayable || this.messages.length > 0 || this.delayed.length > 0;
  }
}
