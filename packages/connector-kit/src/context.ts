/** @module Context: what a component's receive/start/stop/tick see of the engine. */
import type { CancelError, RetryError } from './errors.ts';
import type { Manifest } from './manifest.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface InMessage {
  /** The fields of the in port, already mapped through the edge's transform. */
  content: Record<string, unknown>;
  correlationId: string;
  messageId: string;
  /** The component and port that sent it; absent for triggers. */
  from?: { componentId: string; port: string } | undefined;
  /** Exactly what the upstream component sent, before the edge's transform (for pass-through components). */
  upstream?: unknown;
}

/** Key–value state. Component scope is private to one component of one flow; flow scope is shared by the flow. */
export interface StateApi {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  unset(key: string): Promise<void>;
  clear(): Promise<void>;
  /** Atomically add `by` to a numeric value and return the new value. */
  increment(key: string, by?: number): Promise<number>;
}

/** Per-user data stores (storage.* components). */
export interface DataStoreApi {
  get(storeId: string, key: string): Promise<unknown>;
  set(storeId: string, key: string, value: unknown): Promise<void>;
  remove(storeId: string, key: string): Promise<boolean>;
  find(storeId: string, query?: { prefix?: string; limit?: number }): Promise<{ key: string; value: unknown }[]>;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * The decrypted credentials of the connected account a component runs with, lent for the call
 * only: `bearer` → `fields.token`; `apiKey` → `fields.in` (`header`|`query`), `fields.name`,
 * `fields.value`; `basic` → `fields.username`, `fields.password`; `oauth2` → `fields.accessToken`;
 * a connector's own account → every field its `weft.auth.fields` declares, as text (secret and
 * plain alike). Never log or send them on.
 */
export interface AccountAuth {
  accountId: string;
  type: string;
  fields: Readonly<Record<string, string>>;
}

export interface ComponentContext {
  readonly flowId: string;
  readonly userId: string;
  readonly componentId: string;
  readonly componentType: string;
  readonly manifest: Manifest;
  /** Static settings from `config.properties`, with manifest defaults applied. */
  readonly properties: Record<string, unknown>;
  /** The message(s) being received, by in port. Empty for start/stop/tick. */
  readonly messages: Record<string, InMessage>;
  /** Ids of the components wired into each in port (`source` of this component in the flow), e.g. for Join. */
  readonly connectedSources: Readonly<Record<string, readonly string[]>>;
  /** The correlation id of the run this call belongs to (a fresh one for tick and start). */
  readonly correlationId: string;
  /** 1 on the first attempt. */
  readonly attempt: number;
  /** The credentials of the account named by the `account` property, during receive, tick and start (else undefined). */
  readonly auth?: AccountAuth | undefined;
  /** Send data on an out port. Sends are published only after receive returns. */
  sendJson(data: unknown, port: string): Promise<void>;
  /** Component-scope state. */
  readonly state: StateApi;
  /** Flow-scope state. */
  readonly flowState: StateApi;
  readonly store: DataStoreApi;
  /**
   * Write a line to the activity logs, beside the records of the message being handled (direction
   * `log`, severity from the level: debug and info are `info`). At most 100 lines per message, each
   * cut to 4,096 characters; a redelivery of the same attempt does not write its lines twice.
   */
  log(level: LogLevel, message: string, data?: unknown): void;
  getWebhookUrl(): string;
  /** Answer the held HTTP request of the webhook that started this run. */
  response(body: unknown, status?: number, headers?: Record<string, string>): Promise<void>;
  /** Deliver `content` back to this component's receive on the `timeout` port after `delayMs`, durably. */
  setTimeout(content: unknown, delayMs: number): Promise<string>;
  clearTimeout(timeoutId: string): Promise<void>;
  /** Start a run of another flow of the same user at its OnCall trigger; resolves when accepted. */
  callFlow(flowId: string, data: unknown): Promise<{ correlationId: string }>;
  readonly CancelError: typeof CancelError;
  readonly RetryError: typeof RetryError;
}

/**
 * Starts a run of the flow from the listening component: `data` leaves on `port` (default: the
 * component's first out port). Resolves once the run is durably accepted (its messages are on the
 * Bus), so a source that can acknowledge (an AMQP delivery) acks only then; rejects with a
 * `WeftError` when it was not accepted (flow stopped, listener closed, message too large, Bus down):
 * then do not ack; requeue unless the error's `retry` is `'never'`. At most a bounded number of
 * emits of one listener are in flight; further calls wait for a slot (backpressure), so await each.
 */
export type ListenEmit = (data: unknown, port?: string) => Promise<void>;

/** Closes a listener's subscription and connection; the engine calls it once. */
export type CloseListener = () => Promise<void>;

/** The part of an `AbortSignal` a listener may read (the kit names no DOM or Node types). */
export interface ListenSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
}

/** What a listener sees: who it listens for, its properties and account, and how to report a broken source. */
export interface ListenContext {
  readonly flowId: string;
  readonly userId: string;
  readonly componentId: string;
  readonly componentType: string;
  readonly manifest: Manifest;
  /** Static settings from `config.properties`, with manifest defaults applied. */
  readonly properties: Record<string, unknown>;
  /** The credentials of the account named by the `account` property, for as long as the listener is open. */
  readonly auth?: AccountAuth | undefined;
  readonly state: StateApi;
  readonly flowState: StateApi;
  /** A line in the flow's activity logs (port `listen`). */
  log(level: LogLevel, message: string, data?: unknown): void;
  /**
   * The source broke after `listen` resolved (connection closed, subscription ended): the engine
   * logs `error` in the flow's logs, calls the close function, and opens the listener again after a
   * growing pause, possibly in another process.
   */
  lost(error: unknown): void;
  /** Aborted when the engine closes the listener: a loop waiting on the source may stop on it (an `AbortSignal`). */
  readonly signal: ListenSignal;
}

export interface ComponentBehaviour {
  receive?(context: ComponentContext): Promise<void>;
  /**
   * A long-lived subscription (queue consumer, topic subscriber) of a trigger. While the flow runs,
   * exactly one engine process (one holding the scheduler role and the listener's lease) calls it,
   * and calls the returned function when the flow stops, its properties change, the lease is lost
   * or the process stops; after a crash another process opens it again once the lease runs out.
   * Each message received becomes a run through `emit`. Throwing (or rejecting) means it could not
   * open: the engine logs the error and tries again later.
   */
  listen?(context: ListenContext, emit: ListenEmit): Promise<CloseListener>;
  start?(context: ComponentContext): Promise<void>;
  stop?(context: ComponentContext): Promise<void>;
  tick?(context: ComponentContext): Promise<void>;
  /**
   * Static checks of the properties (with defaults applied) and of the mappings into the in ports
   * that the manifest cannot express, e.g. code that does not compile. Must be quick and
   * synchronous; reported by flow validation.
   */
  validate?(properties: Record<string, unknown>, mappings: readonly PortMapping[]): PropertyProblem[];
  /**
   * Static checks of one connection's mapping into an input port, as saved: literal values can be
   * judged now, values made of `{{{…}}}` variables only at run time. Quick and synchronous;
   * reported by flow validation.
   */
  validateMapping?(mapping: InputMapping): MappingProblem[];
  /**
   * Options of an inspector select whose input has `source: { name }`, loaded by the designer
   * through `GET /components/:type/options/:name`. Return `[]` rather than throw when nothing fits.
   */
  options?(name: string, context: OptionsContext): Promise<SelectOption[]>;
}

export interface SelectOption {
  label: string;
  value: unknown;
}

/** What an options call may read: the caller's own things only. */
export interface OptionsContext {
  readonly userId: string;
  /** The properties currently set in the inspector (unsaved values included). */
  readonly properties: Record<string, unknown>;
  listFlows(): Promise<{ flowId: string; name: string; stage: 'running' | 'stopped' }[]>;
  /** The caller's connected accounts (no secrets), for an account picker. */
  /** Events the host application registered (`PUT /app-events/:name/schema`), for an event picker. */
  listAppEvents?(): Promise<{ name: string; title?: string | undefined }[]>;
  listAccounts?(): Promise<{ id: string; name: string; type: string; status: string; connector?: string | undefined }[]>;
  readonly store: DataStoreApi;
}

/** One edge's mapping into an in port: the fields it sets, each a literal or a text with variables. */
export interface PortMapping {
  port: string;
  /** Where the mapping sits in the component's `config`, e.g. `transform.in.hook.out.lambda`. */
  path: string;
  lambda: Record<string, unknown>;
}

/** What `validate` reports: `property` names the offending property (or mapped field). */
export interface PropertyProblem {
  code: string;
  message: string;
  property: string;
  /** Where the problem sits in the component's `config` when it is not `properties.<property>`. */
  path?: string;
  /** The flow cannot even be saved with this problem (a value the engine would never accept). */
  refusesSave?: boolean;
}

/** One connection's mapping into an input port: `lambda` builds the port's fields. */
export interface InputMapping {
  inPort: string;
  sourceId: string;
  outPort: string;
  lambda: Record<string, unknown>;
}

/** What `validateMapping` reports: `field` is the path inside the lambda, e.g. `['headers', 'Set-Cookie']`. */
export interface MappingProblem {
  code: string;
  message: string;
  field: string[];
}

export interface ComponentDefinition {
  manifest: Manifest;
  behaviour: ComponentBehaviour;
}
