/** @module Component context: builds what receive/start/stop/tick see, collecting sends for the dispatcher. */
import {
  CancelError, RetryError, WeftError,
  type AccountAuth, type ComponentContext, type DataStoreApi, type InMessage, type LogLevel, type Manifest, type StateApi,
} from '@weft/connector-kit';
import type { LogRecord, LogSeverity } from '../ports/log-index.ts';
import type { ComponentStateStore, DataStores, Store } from '../ports/store.ts';
import type { Send } from './routes-plan.ts';
import { ReceiveShare, wholeShare } from './run-share.ts';
import { deriveMessageId, type DeliverMessage, type Scope, type WebhookReply } from './message.ts';
import type { ScopeRefs } from './run-values.ts';
import { logRecordId } from './log-record-id.ts';

/** What the engine lends a context: the few effects a component may cause. */
export interface ContextServices {
  store: Store;
  now(): number;
  publicUrl: string;
  answerWebhook(reply: WebhookReply, replyTo: string | undefined): Promise<void>;
  callFlow(userId: string, flowId: string, data: unknown, parentId: string, callDepth: number): Promise<{ correlationId: string }>;
  /** Most sends one receive, tick, start or stop may make. */
  maxSends: number;
  /** A timer keeps the run values its message refers to until it fires. */
  keepRunValues(userId: string, refs: ScopeRefs | undefined, until: number): Promise<void>;
  /** File a `context.log` line beside the message records; must not block (the engine's LogWriter). */
  log(record: Omit<LogRecord, 'payload' | 'truncated'>, payload: ContextLogPayload): void;
  /**
   * The decrypted credentials of a user's account, with every form of its secrets (to scrub from
   * log records and errors); rejects with `account.not_found` or `account.invalid`. Absent: the
   * installation has no accounts (a component naming one fails with `account.not_found`).
   */
  resolveAccount?(userId: string, accountId: string): Promise<ResolvedAccount>;
  /**
   * `context.clearTimeout`: the timer's row goes, and where the Bus may already hold its message
   * (published ahead of its due time, see the engine README), its fire is dropped when due. Absent:
   * the row is deleted, nothing more.
   */
  clearTimer?(timerId: string): Promise<void>;
  /** The remote API refused this access token (a 401): have the next resolve renew it. */
  expireAccountToken?(userId: string, accountId: string, accessToken: string): Promise<void>;
}

export interface ResolvedAccount {
  auth: AccountAuth;
  /** The secret values in every form they could be written in (scrubbed from what is logged). */
  secrets: readonly string[];
}

/** The payload of a `direction: 'log'` record. */
export interface ContextLogPayload {
  level: LogLevel;
  message: string;
  data?: unknown;
}

/**
 * Limits of `context.log`, so a chatty or looping component cannot flood the log index: a message
 * is cut to 4,096 characters (its data is bounded by the payload limit of every log record), and
 * one receive, tick, start or stop files at most 100 lines. Later calls are counted, not filed, and
 * one last warning line says how many were dropped.
 */
export const CONTEXT_LOG_LIMITS = { messageChars: 4096, lines: 100 } as const;

const SEVERITY_OF: Record<LogLevel, LogSeverity> = { debug: 'info', info: 'info', warn: 'warn', error: 'error' };

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
  /** The in port being received on, or `tick`, `start`, `stop`: where `context.log` lines are filed. */
  port: string;
  attempt: number;
  /** How many times the message was retried by hand from the unprocessed messages (attempts restart at 1). */
  retries?: number | undefined;
  messages: Record<string, InMessage>;
  /** `connectedSources[inPort]`: the component ids wired into that port. */
  connectedSources?: Record<string, string[]>;
  /** The inline scope of the message being handled, as it travels (timers carry it on). */
  scope: Scope;
  /** Its stored outputs by reference (run-values.ts). */
  refs?: ScopeRefs | undefined;
  /** CallFlow hops that led to this run. */
  callDepth?: number | undefined;
  test: boolean;
  /** The API instance holding this run's webhook request, if any. */
  replyTo?: string | undefined;
  /** The part of that held run the message carries (run-share.ts). */
  share?: string | undefined;
  /** The credentials of the account the component's `account` property names (receive and tick). */
  auth?: AccountAuth | undefined;
}

export interface BuiltContext {
  context: ComponentContext;
  sends: Send[];
  /** Call once the behaviour has returned or thrown: files the line saying how many log lines were dropped, if any. */
  finishLog: () => void;
  /** Where the message's share of its held run goes: to timers set, to what is sent, or back. */
  share: ReceiveShare;
}

export function stateScope(flowId: string, componentId?: string): string {
  return componentId === undefined ? `flow:${flowId}` : `flow:${flowId}:component:${componentId}`;
}

export function stateApi(store: ComponentStateStore, scope: string): StateApi {
  return {
    get: async <T>(key: string) => (await store.stateGet(scope, key)) as T | undefined,
    set: (key, value) => store.stateSet(scope, key, value),
    unset: (key) => store.stateUnset(scope, key),
    clear: () => store.stateClear(scope),
    increment: (key, by = 1) => store.stateIncrement(scope, key, by),
  };
}

export function dataStoreApi(store: DataStores, userId: string): DataStoreApi {
  return {
    get: async (storeId, key) => (await store.dataGet(userId, storeId, key))?.value,
    set: (storeId, key, value) => store.dataSet(userId, storeId, key, value),
    remove: (storeId, key) => store.dataRemove(userId, storeId, key),
    find: async (storeId, query) => (await store.dataFind(userId, storeId, query ?? {})).map(({ key, value }) => ({ key, value })),
  };
}

/** Per manifest, what every context of it shares; built once (a context is built for every step of a run). */
const outPortsOf = new WeakMap<Manifest, ReadonlySet<string>>();

function outPortNames(manifest: Manifest): ReadonlySet<string> {
  let names = outPortsOf.get(manifest);
  if (names === undefined) {
    names = new Set(manifest.outPorts.map((port) => port.name));
    outPortsOf.set(manifest, names);
  }
  return names;
}

export function buildContext(input: ContextInput): BuiltContext {
  const { services, manifest, flowId, componentId } = input;
  const sends: Send[] = [];
  const outPorts = outPortNames(manifest);
  let timeouts = 0;
  const logLines = contextLog(input);
  const share = new ReceiveShare(input.share);

  const context = new CallContext(input, {
    async sendJson(data, port) {
      if (!outPorts.has(port)) {
        throw new WeftError('component.unknown_port', `${manifest.name} has no out port "${port}"`, { retry: 'never' });
      }
      if (sends.length >= services.maxSends) {
        throw new WeftError('component.too_many_sends', `${manifest.label ?? manifest.name} tried to send more than ${services.maxSends} messages from one message, the most this engine allows; split the list into smaller ones.`, { retry: 'never', status: 422 });
      }
      sends.push({ port, data });
    },
    log: logLines.log,
    getWebhookUrl: () => `${services.publicUrl}/flows/${flowId}/components/${componentId}`,
    async response(body, status = 200, headers = {}) {
      share.answered();
      await services.answerWebhook({ correlationId: input.correlationId, body, status, headers }, input.replyTo);
    },
    async setTimeout(content, delayMs) {
      const id = deriveMessageId(input.causeId, 'timeout', componentId, timeouts++);
      // A trigger's timer (Scheduler) starts a new run; any other component's belongs to the current one.
      const sameRun = manifest.trigger !== true;
      const timerShare = sameRun ? share.forTimer() : wholeShare();
      const message: DeliverMessage = {
        type: 'deliver',
        id,
        userId: input.userId,
        flowId,
        componentId,
        port: 'timeout',
        correlationId: sameRun ? input.correlationId : deriveMessageId(id, 'run'),
        attempt: 1,
        ...(input.test ? { test: true } : {}),
        ...(input.replyTo && sameRun ? { replyTo: input.replyTo } : {}),
        ...(timerShare ? { share: timerShare } : {}),
        ...(input.callDepth ? { callDepth: input.callDepth } : {}),
        content: { content, timeoutId: id },
        scope: input.scope,
        ...(input.refs ? { refs: input.refs } : {}),
      };
      const dueAt = services.now() + Math.max(0, delayMs);
      await services.keepRunValues(input.userId, input.refs, dueAt);
      await services.store.putTimer({ id, dueAt, flowId, body: message });
      return id;
    },
    async clearTimeout(timeoutId) {
      await (services.clearTimer ? services.clearTimer(timeoutId) : services.store.deleteTimer(timeoutId));
    },
    callFlow: (targetFlowId, data) => services.callFlow(input.userId, targetFlowId, data, input.causeId, input.callDepth ?? 0),
  });
  return { context, sends, finishLog: logLines.finish, share };
}

/** The functions of a context, made by `buildContext` around what one call collects. */
type ContextMethods = Pick<ComponentContext, 'sendJson' | 'log' | 'getWebhookUrl' | 'response' | 'setTimeout' | 'clearTimeout' | 'callFlow'>;

/**
 * What one receive, tick, start or stop sees. A class, for its getters: an object literal with
 * getters is built in dictionary mode, ~1.6 KB and 5 µs each, 30–50 µs each while 10,000 of them
 * stay alive (a minute's fires received at once; measured), against 0.3 µs here. The functions are
 * own properties, as before, so a component may still take them off the context (`const { log } = context`).
 */
class CallContext implements ComponentContext {
  readonly flowId: string;
  readonly userId: string;
  readonly componentId: string;
  readonly componentType: string;
  readonly manifest: Manifest;
  readonly properties: Record<string, unknown>;
  readonly messages: Record<string, InMessage>;
  readonly connectedSources: Readonly<Record<string, readonly string[]>>;
  readonly correlationId: string;
  readonly attempt: number;
  readonly auth: AccountAuth | undefined;
  readonly sendJson: ContextMethods['sendJson'];
  readonly log: ContextMethods['log'];
  readonly getWebhookUrl: ContextMethods['getWebhookUrl'];
  readonly response: ContextMethods['response'];
  readonly setTimeout: ContextMethods['setTimeout'];
  readonly clearTimeout: ContextMethods['clearTimeout'];
  readonly callFlow: ContextMethods['callFlow'];
  readonly CancelError = CancelError;
  readonly RetryError = RetryError;
  readonly #store: Store;
  // Made when first read: most steps (Set, Condition…) never touch state or data stores.
  #state: StateApi | undefined;
  #flowState: StateApi | undefined;
  #dataStores: DataStoreApi | undefined;

  constructor(input: ContextInput, methods: ContextMethods) {
    this.flowId = input.flowId;
    this.userId = input.userId;
    this.componentId = input.componentId;
    this.componentType = input.manifest.name;
    this.manifest = input.manifest;
    this.properties = input.properties;
    this.messages = input.messages;
    this.connectedSources = input.connectedSources ?? {};
    this.correlationId = input.correlationId;
    this.attempt = input.attempt;
    this.auth = input.auth;
    this.sendJson = methods.sendJson;
    this.log = methods.log;
    this.getWebhookUrl = methods.getWebhookUrl;
    this.response = methods.response;
    this.setTimeout = methods.setTimeout;
    this.clearTimeout = methods.clearTimeout;
    this.callFlow = methods.callFlow;
    this.#store = input.services.store;
  }

  get state(): StateApi {
    return (this.#state ??= stateApi(this.#store, stateScope(this.flowId, this.componentId)));
  }

  get flowState(): StateApi {
    return (this.#flowState ??= stateApi(this.#store, stateScope(this.flowId)));
  }

  get store(): DataStoreApi {
    return (this.#dataStores ??= dataStoreApi(this.#store, this.userId));
  }
}

/**
 * `context.log` of one context. A line's id is `<causeId>:log:<retries>:<attempt>:<n>`, n counting
 * the calls of this context. When the Bus delivers the same attempt again (a worker died before its
 * ack, a lease ran out) the code logs the same lines under the same ids, and the index keeps them
 * once. A retry is a new attempt that ran the code again: its lines are new events, read beside that
 * attempt's error record, so the attempt (and the count of retries by hand, which restart attempts
 * at 1) is part of the id, as it is of the error records'.
 */
function contextLog(input: ContextInput): { log: ComponentContext['log']; finish: () => void } {
  const { services } = input;
  let prefix: string | undefined;
  const idPrefix = () => (prefix ??= logRecordId(input.causeId, 'log', input.retries ?? 0, input.attempt));
  let written = 0;
  let dropped = 0;
  let isFinished = false;
  const write = (id: string, level: LogLevel, message: string, data: unknown) => {
    services.log({
      id, time: services.now(), userId: input.userId, flowId: input.flowId, componentId: input.componentId,
      componentType: input.manifest.name, port: input.port, direction: 'log', severity: SEVERITY_OF[level],
      correlationId: input.correlationId, messageId: input.causeId,
    }, data === undefined ? { level, message } : { level, message, data });
  };
  return {
    log(level, message, data) {
      if (written >= CONTEXT_LOG_LIMITS.lines) {
        dropped += 1;
        return;
      }
      // Plain JavaScript callers may pass anything: file it rather than throw inside their code.
      const known = Object.hasOwn(SEVERITY_OF, level) ? level : 'info';
      const text = typeof message === 'string' ? message : String(message);
      const cut = text.length > CONTEXT_LOG_LIMITS.messageChars ? `${text.slice(0, CONTEXT_LOG_LIMITS.messageChars)}…` : text;
      write(`${idPrefix()}:${written}`, known, cut, data);
      written += 1;
    },
    finish() {
      if (isFinished) return;
      isFinished = true;
      if (dropped === 0) return;
      write(`${idPrefix()}:dropped`, 'warn', `${dropped === 1 ? '1 more log line was' : `${dropped} more log lines were`} dropped: at most ${CONTEXT_LOG_LIMITS.lines} are kept per message.`, { dropped });
    },
  };
}

/** Manifest property defaults (inspector `defaultValue`) under the descriptor's properties. */
export function propertiesWithDefaults(manifest: Manifest, properties: Record<string, unknown>): Record<string, unknown> {
  let defaults = defaultsOf.get(manifest);
  if (defaults === undefined) {
    defaults = {};
    for (const [name, input] of Object.entries(manifest.properties?.inspector?.inputs ?? {})) {
      if (input.defaultValue !== undefined) defaults[name] = input.defaultValue;
    }
    defaultsOf.set(manifest, defaults);
  }
  return { ...defaults, ...properties };
}

const defaultsOf = new WeakMap<Manifest, Record<string, unknown>>();
const connectedOf = new WeakMap<object, Record<string, string[]>>();

/**
 * `{ <inPort>: [<sourceComponentId>, …] }` from a component's `source` in the descriptor; the same
 * object for the same `source` (a loaded flow's descriptor does not change), so do not modify it.
 */
export function connectedSourcesOf(source: Record<string, Record<string, string[]>>): Record<string, string[]> {
  let connected = connectedOf.get(source);
  if (connected === undefined) {
    // Frozen: components read it, and a component that wrote to it would change it for the next step.
    connected = Object.freeze(Object.fromEntries(Object.entries(source).map(([inPort, sources]) => [inPort, Object.freeze(Object.keys(sources)) as string[]])));
    connectedOf.set(source, connected);
  }
  return connected;
}

/** The account id a component's properties name (`account`), if any. */
export function accountIdOf(properties: Record<string, unknown>): string | undefined {
  const account = properties.account;
  return typeof account === 'string' && account.trim() !== '' ? account.trim() : undefined;
}
