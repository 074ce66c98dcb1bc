/** @module Built-in connectors: every `weft.utils.*` component type the engine ships with. */
import type { ComponentDefinition } from '@weft/connector-kit';
import { createJavaScript, type JavaScriptOptions } from './code/java-script.ts';
import { Aggregate } from './controls/aggregate.ts';
import { CallFlow } from './controls/call-flow.ts';
import { Condition } from './controls/condition.ts';
import { Each } from './controls/each.ts';
import { ErrorTrigger } from './controls/error-trigger.ts';
import { Filter } from './controls/filter.ts';
import { Join } from './controls/join.ts';
import { OnCall } from './controls/on-call.ts';
import { AppEvent } from './app/app-event.ts';
import { OnStart } from './controls/on-start.ts';
import { Switch } from './controls/switch.ts';
import { createRequest, type RequestOptions } from './http/request.ts';
import { Response } from './http/response.ts';
import { Webhook } from './http/webhook.ts';
import { Find } from './storage/find.ts';
import { Get } from './storage/get.ts';
import { Remove } from './storage/remove.ts';
import { Set as StorageSet } from './storage/set.ts';
import { Scheduler } from './timers/scheduler.ts';
import { Wait } from './timers/wait.ts';
import { Set } from './transform/set.ts';

export interface BuiltinOptions {
  /** Let http.Request reach loopback, private and link-local addresses (off by default: SSRF). */
  allowPrivateNetwork: boolean;
  /** http.Request's timeouts and answer size limit (config `WEFT_HTTP_*`). */
  http?: Pick<RequestOptions, 'timeoutMs' | 'maxTimeoutMs' | 'maxResponseBytes'>;
  /** The sandbox the JavaScript code component runs in; without it the component is not offered. */
  code?: JavaScriptOptions;
}

export function createBuiltinComponents(options: BuiltinOptions): ComponentDefinition[] {
  return [
    // http
    Webhook, Response, createRequest({ ...options.http, allowPrivateNetwork: options.allowPrivateNetwork }),
    // transform
    Set,
    // controls
    OnStart, Condition, Switch, Filter, Each, Join, Aggregate, ErrorTrigger, CallFlow, OnCall,
    // the host application's events
    AppEvent,
    // timers
    Scheduler, Wait,
    // storage
    Get, StorageSet, Find, Remove,
    // code
    ...(options.code ? [createJavaScript(options.code)] : []),
  ];
}
