/**
 * @module Connector configs: per-connector values operators set (OAuth client id and secret, base
 * URLs, feature flags), kept as a setting per connector with the secret values sealed.
 */
import { ConnectorConfigBody, OAuthDefinition, SECRET_MASK, type ConnectorConfig } from '@weft/api-client';
import { WeftError } from '@weft/connector-kit';
import type { z } from 'zod';
import { isSecretField } from '../engine/redact.ts';
import type { Store } from '../ports/store.ts';
import type { SecretBox } from '../secrets/index.ts';

type Value = string | number | boolean;

interface StoredConfig {
  values: Record<string, Value>;
  secretFields: string[];
  /** The secret values as JSON, sealed with `connector-config:<name>` bound. */
  sealed?: string;
  updatedAt: number;
  updatedBy: string;
}

const settingKey = (name: string) => `connector-config:${name}`;
const sealContext = (name: string) => `connector-config:${name}`;

export class ConnectorConfigs {
  constructor(
    private readonly store: Store,
    private readonly box: SecretBox | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  async get(name: string): Promise<ConnectorConfig> {
    const stored = (await this.store.getSetting(settingKey(name))) as StoredConfig | undefined;
    if (!stored) return { connector: name, values: {}, secretFields: [] };
    const values: Record<string, Value> = { ...stored.values };
    for (const field of stored.secretFields) values[field] = SECRET_MASK;
    return { connector: name, values, secretFields: stored.secretFields, updatedAt: stored.updatedAt };
  }

  /** Replaces the config; a secret given as `••••` keeps its stored value (a form sends back what GET showed). */
  async put(name: string, body: z.output<typeof ConnectorConfigBody>, userId: string): Promise<ConnectorConfig> {
    const previous = await this.#secrets(name);
    const secretFields = [...new Set([...body.secretFields, ...Object.keys(body.values).filter((field) => isSecretField(field))])];
    const values: Record<string, Value> = {};
    const secrets: Record<string, Value> = {};
    for (const [field, value] of Object.entries(body.values)) {
      if (!secretFields.includes(field)) values[field] = value;
      else if (value === SECRET_MASK && previous[field] !== undefined) secrets[field] = previous[field];
      else secrets[field] = value;
    }
    const stored: StoredConfig = { values, secretFields: secretFields.filter((field) => field in secrets), updatedAt: this.now(), updatedBy: userId };
    if (Object.keys(secrets).length > 0) {
      if (!this.box) throw new WeftError('secrets.no_key', 'This installation has no key to encrypt secrets with: set WEFT_SECRET_KEYS first.');
      stored.sealed = this.box.seal(JSON.stringify(secrets), sealContext(name));
    }
    await this.store.setSetting(settingKey(name), stored);
    return this.get(name);
  }

  /** The connector's OAuth provider, decrypted, for `POST /accounts/oauth/start { connector }`. */
  async oauthDefinition(name: string, declared: Record<string, unknown> = {}): Promise<z.output<typeof OAuthDefinition>> {
    const stored = (await this.store.getSetting(settingKey(name))) as StoredConfig | undefined;
    const all: Record<string, unknown> = { ...declared, ...(stored?.values ?? {}), ...(await this.#secrets(name)) };
    if (typeof all.scopes === 'string') all.scopes = all.scopes.split(/[\s,]+/).filter(Boolean);
    const parsed = OAuthDefinition.safeParse(all);
    if (!stored || !parsed.success) {
      const missing = parsed.success ? '' : ` (${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')})`;
      throw new WeftError('connector.not_configured', `The connector "${name}" has no complete OAuth configuration${missing}; an operator sets it with PUT /connectors/${name}/config.`, { path: 'body.connector' });
    }
    return parsed.data;
  }

  async #secrets(name: string): Promise<Record<string, Value>> {
    const stored = (await this.store.getSetting(settingKey(name))) as StoredConfig | undefined;
    if (!stored?.sealed || !this.box) return {};
    return JSON.parse(this.box.open(stored.sealed, sealContext(name))) as Record<string, Value>;
  }
}
