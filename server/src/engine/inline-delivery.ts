/**
 * @module Inline delivery: a webhook call's first message, run by the dispatcher in the request
 * itself instead of crossing the Bus first. Nothing of it is stored unless the run needs it to be.
 *
 * Why this is as durable as publishing first: the caller learns that its call was accepted only
 * from the answer (202, or the flow's Response), and that answer is sent after this delivery has
 * completed, that is after everything the run still has to do (messages for impure components,
 * retries, delayed steps) has been published durably (its log records are filed just after the
 * answer, see the engine README). A run made only of pure steps (webhook →
 * Set → Response) leaves nothing to store at all: if the process dies before answering, the caller
 * gets no answer and nothing was accepted, exactly as if it had died before the publish.
 *
 * Whatever the dispatcher gives back (a nack: its store failed, the tenant is over its share of
 * this worker) is published as the original message, the way every call used to be, and the run
 * goes on from the Bus. Re-running the steps that ran here is harmless: the first step is the
 * webhook trigger and every step fused after it is pure.
 */
import type { Bus, BusMessage, Delivery, DeliveryCommit, NackOptions } from '../ports/bus.ts';

/** How an inline delivery ended: done here, handed to the Bus, or neither (the caller is told 503). */
export type InlineOutcome = 'pending' | 'done' | 'requeued' | 'failed';

export class InlineDelivery implements Delivery {
  readonly deliveryCount = 1;
  /** Made for this call: no earlier run of it can exist, so the processed-id check is skipped. */
  readonly isNew = true;
  outcome: InlineOutcome = 'pending';
  /** Why the outcome is `failed`: the publish the Bus refused. */
  failure: unknown;

  constructor(
    private readonly bus: Pick<Bus, 'publish'>,
    private readonly queue: string,
    readonly message: BusMessage,
  ) {}

  /** What the run left to do is published (a group commit on the embedded Bus); nothing is acked, nothing was stored. */
  readonly commit = async (work: DeliveryCommit): Promise<void> => {
    await Promise.all(work.publishes.map((batch) => this.bus.publish(batch.queue, batch.messages, batch.options)));
    this.outcome = 'done';
  };

  async ack(): Promise<void> {
    this.outcome = 'done';
  }

  async nack(options: NackOptions = {}): Promise<void> {
    try {
      await this.bus.publish(this.queue, [this.message], options.delayMs ? { delayMs: options.delayMs } : {});
      this.outcome = 'requeued';
    } catch (error) {
      this.outcome = 'failed';
      this.failure = error;
      throw error;
    }
  }
}
