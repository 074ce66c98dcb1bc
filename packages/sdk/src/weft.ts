/**
 * @module Weft: the SDK's front door. Holds the settings (token, theme, strings, locale), the API
 * client and the widget instances, which follow every settings change.
 */
import type { ApiClient } from '@weft/api-client';
import { parseOptions, parseSetting, type WeftOptions, type WeftSettingKey, type WeftSettings } from './options.ts';
import { createLazyApi } from './lazy-api.ts';
import { AccessTokenSource, fetchWithAccessToken } from './access-token.ts';
import { loadLazyModule } from './module-loader.ts';
import { WidgetInstance, type WidgetHost, type WidgetInit } from './widget-instance.ts';
import type { WidgetKind } from './lazy/index.ts';

export class Weft {
  /** The typed API client. Replace a method by assignment (`weft.api.listFlows = …`) and every widget uses it. */
  readonly api: ApiClient;
  readonly baseUrl: string;
  readonly ui: Record<WidgetKind, (init: WidgetInit) => WidgetInstance>;
  #settings: WeftSettings;
  #tokens: AccessTokenSource | undefined;
  #instances = new Set<WidgetInstance>();
  #listeners = new Set<() => void>();

  constructor(options: WeftOptions) {
    const parsed = parseOptions(options);
    this.baseUrl = parsed.baseUrl;
    this.#settings = { accessToken: parsed.accessToken, theme: parsed.theme ?? 'light', strings: parsed.strings ?? {}, locale: parsed.locale ?? 'en' };
    const tokens = parsed.getAccessToken ? new AccessTokenSource(parsed.getAccessToken) : undefined;
    this.#tokens = tokens;
    this.api = createLazyApi(() => loadLazyModule().then((lazy) => lazy.loadApiClient()), {
      baseUrl: parsed.baseUrl,
      // Read on every request, so `set('accessToken', …)` applies to the next call.
      getToken: () => this.#settings.accessToken ?? tokens?.current,
      // With the host's callback, every request (streams too) waits for a live token and retries once on a 401.
      ...(tokens ? { fetch: fetchWithAccessToken(tokens, (input, init) => globalThis.fetch(input, init)) } : {}),
    });
    const host: WidgetHost = {
      api: this.api,
      settings: () => this.#settings,
      forget: (instance) => this.#instances.delete(instance),
    };
    const create = (kind: WidgetKind) => (init: WidgetInit) => {
      const instance = new WidgetInstance(kind, host, init);
      this.#instances.add(instance);
      // Surface chunk failures through instance.on('error'); do not leave an unhandled rejection.
      instance.open().catch(() => undefined);
      return instance;
    };
    this.ui = { FlowManager: create('FlowManager'), Designer: create('Designer'), InsightsLogs: create('InsightsLogs'), Accounts: create('Accounts'),
      Integrations: create('Integrations'), Wizard: create('Wizard') };
  }

  set<K extends WeftSettingKey>(key: K, value: WeftSettings[K]): this {
    this.#settings = { ...this.#settings, [key]: parseSetting(key, value) };
    if (key !== 'accessToken') for (const instance of this.#instances) instance.refresh();
    for (const listener of this.#listeners) listener();
    return this;
  }

  /** Calls `listener` after every `set()`; returns the unsubscribe function (used by `@weft/sdk/react`). */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get<K extends WeftSettingKey>(key: K): WeftSettings[K] {
    if (key === 'accessToken' && this.#settings.accessToken === undefined) return this.#tokens?.current as WeftSettings[K];
    return this.#settings[key];
  }
}
