/** @module Engine messages: what the engine puts on the Bus, as a discriminated union on `type`. */
import { hash } from 'node:crypto';
import { z } from 'zod';

/** Outputs of upstream components that variables may read: `scope[componentId][outPort]`. */
export const Scope = z.record(z.string(), z.record(z.string(), z.unknown()));
export type Scope = z.infer<typeof Scope>;

/** Outputs stored once as run values: `refs[componentId][outPort]` is the hash of one (run-values.ts). */
export const ScopeRefs = z.record(z.string(), z.record(z.string(), z.string()));

const Routing = {
  id: z.string(),
  userId: z.string(),
  flowId: z.string(),
  componentId: z.string(),
  correlationId: z.string(),
  /** 1 on the first attempt; retries carry the next number. */
  attempt: z.number().int().positive().default(1),
  /** How many times a person retried this message from the unprocessed list. */
  retries: z.number().int().nonnegative().optional(),
  /** Test runs execute even when the flow is stopped. */
  test: z.boolean().optional(),
  /** The API instance holding the webhook request of this run, if one waits for a Response. */
  replyTo: z.string().optional(),
  /** The part of its run this message carries ("n/d", see run-share.ts): run history knows a run ended when all came back. */
  share: z.string().max(1300).optional(),
  /** Published by a run of a redelivered message: it may copy one that was running when a process died (dispatcher). */
  afterCrash: z.boolean().optional(),
  /** How many CallFlow hops led to this run (0 or absent: a run started by a trigger). */
  callDepth: z.number().int().nonnegative().optional(),
};

/** Deliver content to one in port of one component. */
export const DeliverMessage = z.object({
  type: z.literal('deliver'),
  ...Routing,
  port: z.string(),
  content: z.record(z.string(), z.unknown()),
  /** Messages planned before run values existed carry what the sender sent; newer ones read it from the scope. */
  upstream: z.unknown().optional(),
  from: z.object({ componentId: z.string(), port: z.string() }).optional(),
  /** Small outputs of earlier components, inline. */
  scope: Scope.default({}),
  /** Big outputs of earlier components, by the hash they are stored under (run-values.ts). */
  refs: ScopeRefs.optional(),
  /**
   * Epoch ms: a timer's message published ahead of its due time (scheduler.ts); its component
   * receives it no earlier than this.
   */
  notBefore: z.number().optional(),
});
export type DeliverMessage = z.infer<typeof DeliverMessage>;

/** Run a component's `tick`. */
export const TickMessage = z.object({ type: z.literal('tick'), ...Routing });
export type TickMessage = z.infer<typeof TickMessage>;

export const EngineMessage = z.discriminatedUnion('type', [DeliverMessage, TickMessage]);
export type EngineMessage = z.infer<typeof EngineMessage>;

/** The queue of every component type no `WEFT_QUEUES` route names (by default, all of them). */
export const MESSAGES_QUEUE = 'messages';

/** Answers for held webhook requests travel to the API instance that holds them. */
export const repliesQueue = (instanceId: string): string => `replies.${instanceId}`;

export const WebhookReply = z.object({
  correlationId: z.string(),
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  body: z.unknown(),
});
export type WebhookReply = z.infer<typeof WebhookReply>;

/** A branch of a held run ended without answering: the share its message carried comes back. */
export const ShareReturn = z.object({ correlationId: z.string(), ended: z.object({ messageId: z.string(), share: z.string().max(1300) }) });
export type ShareReturn = z.infer<typeof ShareReturn>;

/** What travels on an API instance's replies queue. */
export const Reply = z.union([WebhookReply, ShareReturn]);

/**
 * A message id is derived from its parent and the edge it travels, so a redelivered parent
 * produces children with the same ids and the processed-id check recognises them.
 */
export function deriveMessageId(parentId: string, ...edge: (string | number)[]): string {
  // One-shot `hash` (the same digest as createHash's, without a Hash object per id).
  return hash('sha256', `${parentId}\u0000${edge.join('\u0000')}`, 'base64url').slice(0, 24);
}
