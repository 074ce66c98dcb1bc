/** @module Built-in connectors: every `weft.utils.*` component type the engine ships with. */
import type { ComponentDefinition } from '@weft/connector-kit';
import { Condition } from './controls/condition.ts';
import { Response } from './http/response.ts';
import { Webhook } from './http/webhook.ts';
import { Set } from './transform/set.ts';

export interface BuiltinOptions {
  /** Let http.Request reach loopback, private and link-local addresses (off by default: SSRF). */
  allowPrivateNetwork: boolean;
}

export function createBuiltinComponents(_options: BuiltinOptions): ComponentDefinition[] {
  return [Webhook, Response, Set, Condition];
}
