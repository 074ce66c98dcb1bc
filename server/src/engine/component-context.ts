/** @module Component context: builds what receive/start/stop/tick see, collecting sends for the dispatcher. */
import {
  CancelError, RetryError, WeftError,
  type ComponentContext, type DataStoreApi, type InMessage, type Manifest, type StateApi,
} from '@weft/connector-kit';
import type { Store } from '../ports/store.ts';
import type { Send } from './routes-plan.ts';
import { deriveMessageId, type DeliverMessage, type Scope, type WebhookReply } from './message.ts';

/** What the engine lends a context: the few effects a component may cause. */
export interface ContextServices {
  store: Store;
  now(): number;
  publicUrl: string;
  answerWebhook(reply: WebhookReply, replyTo: string | undefined): Promise<void>;
  callFlow(userId: string, flowId: string, data: unknown, parentId: string): Promise<{ correlationId: string }>;
  log(entry: { level: string; message: string; data?: unknown; flowId: string; componentId: string }): void;
}

export interface ContextInput {
  services: ContextServices;
  userId: string;
  flowId: string;
  componentId: string;
  manifest: Manifest;
  properties: Record<string, unknown>;
  correlationId: string;
  /** Id of the message (or synthetic event) being handled: the seed of derived ids. */
  causeId: string;
  attempt: number;
  messages: Record<string, InMessage>;
  /** `connectedSources[inPort]`: the component ids wired into that port. */
  connectedSources?: Record<string, string[]>;
  scope: Scope;
  test: boolean;
  /** The API instance holding this run's webhook request, if any. */
  replyTo?: string | undefined;
}

export interface BuiltContext {
  context: ComponentContext;
  sends: Send[];
}

export function stateScope(flowId: string, componentId?: string): string {
  return componentId === undefined ? `flow:${flowId}` : `flow:${flowId}:component:${componentId}`;
}

function stateApi(store: Store, scope: string): StateApi {
  return {
    get: async <T>(key: string) => (await store.stateGet(scope, key)) as T | undefined,
    set: (key, value) => store.stateSet(scope, key, value),
    unset: (key) => store.stateUnset(scope, key),
    clear: () => store.stateClear(scope),
    increment: (key, by = 1) => store.stateIncrement(scope, key, by),
  };
}

export function dataStoreApi(store: Store, userId: string): DataStoreApi {
  return {
    get: async (storeId, key) => (await store.dataGet(userId, storeId, key))?.value,
    set: (storeId, key, value) => store.dataSet(userId, storeId, key, value),
    remove: (storeId, key) => store.dataRemove(userId, storeId, key),
    find: async (storeId, query) => (await store.dataFind(userId, storeId, query ?? {})).map(({ key, value }) => ({ key, value })),
  };
}

export function buildContext(input: ContextInput): BuiltContext {
  const { services, manifest, flowId, componentId } = input;
  const sends: Send[] = [];
  const outPorts = new Set(manifest.outPorts.map((port) => port.name));
  let timeouts = 0;

  const context: ComponentContext = {
    flowId,
    userId: input.userId,
    componentId,
    componentType: manifest.name,
    manifest,
    properties: input.properties,
    messages: input.messages,
    connectedSources: input.connectedSources ?? {},
    correlationId: input.correlationId,
    attempt: input.attempt,
    async sendJson(data, port) {
      if (!outPorts.has(port)) {
        throw new WeftError('component.unknown_port', `${manifest.name} has no out port "${port}"`, { retry: 'never' });
      }
      sends.push({ port, data });
    },
    state: stateApi(services.store, stateScope(flowId, componentId)),
    flowState: stateApi(services.store, stateScope(flowId)),
    store: dataStoreApi(services.store, input.userId),
    log(level, message, data) {
      services.log({ level, message, data, flowId, componentId });
    },
    getWebhookUrl: () => `${services.publicUrl}/flows/${flowId}/components/${componentId}`,
    async response(body, status = 200, headers = {}) {
      await services.answerWebhook({ correlationId: input.correlationId, body, status, headers }, input.replyTo);
    },
    async setTimeout(content, delayMs) {
      const id = deriveMessageId(input.causeId, 'timeout', componentId, timeouts++);
      const message: DeliverMessage = {
        type: 'deliver',
        id,
        userId: input.userId,
        flowId,
        componentId,
        port: 'timeout',
        // A trigger's timer (Scheduler) starts a new run; any other component's belongs to the current one.
        correlationId: manifest.trigger === true ? deriveMessageId(id, 'run') : input.correlationId,
        attempt: 1,
        ...(input.test ? { test: true } : {}),
        ...(input.replyTo ? { replyTo: input.replyTo } : {}),
        content: { content, timeoutId: id },
        scope: input.scope,
      };
      await services.store.putTimer({ id, dueAt: services.now() + Math.max(0, delayMs), flowId, body: message });
      return id;
    },
    async clearTimeout(timeoutId) {
      await services.store.deleteTimer(timeoutId);
    },
    callFlow: (targetFlowId, data) => services.callFlow(input.userId, targetFlowId, data, input.causeId),
    CancelError,
    RetryError,
  };
  return { context, sends };
}

/** Manifest property defaults (inspector `defaultValue`) under the descriptor's properties. */
export function propertiesWithDefaults(manifest: Manifest, properties: Record<string, unknown>): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [name, input] of Object.entries(manifest.properties?.inspector?.inputs ?? {})) {
    if (input.defaultValue !== undefined) defaults[name] = input.defaultValue;
  }
  return { ...defaults, ...properties };
}

/** `{ <inPort>: [<sourceComponentId>, …] }` from a component's `source` in the descriptor. */
export function connectedSourcesOf(source: Record<string, Record<string, string[]>>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(source).map(([inPort, sources]) => [inPort, Object.keys(sources)]));
}
