/** @module Fixtures: deterministic flows, descriptors, manifests, log records and unprocessed messages for the stories. */
import type { FlowSummary, LogRecord, Run, UnprocessedMessage } from '@weft/api-client';
import type { FlowDescriptorInput } from '@weft/flow';

const MINUTE = 60e3;
const HOUR = 60 * MINUTE;

/** A small seeded generator (mulberry32): the same story shows the same data on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FLOW_NAMES = [
  'Invoice approval', 'New customer onboarding', 'Slack alerts for failed payments', 'Nightly CRM sync',
  'Webhook → Google Sheets', 'Support ticket triage', 'Order shipped notification', 'Weekly KPI report',
  'Lead scoring', 'Stock level watcher', 'GDPR erasure requests', 'Daily backup check',
];

/** Twelve flows: running and stopped, some with errors in the last 24 hours. */
export function sampleFlows(now: number): FlowSummary[] {
  return FLOW_NAMES.map((name, index) => {
    const isRunning = index % 3 !== 2;
    const updatedAt = now - (index * 7 + 2) * HOUR - index * 13 * MINUTE;
    const errors = [0, 3, 0, 0, 27, 0, 1, 0, 0, 112, 0, 0][index] ?? 0;
    return {
      flowId: `flow-${index + 1}`,
      name,
      stage: isRunning ? 'running' : 'stopped',
      version: 3 + index,
      createdAt: updatedAt - 30 * 24 * HOUR,
      updatedAt,
      ...(isRunning ? { startedAt: updatedAt } : {}),
      componentCount: 3 + ((index * 5) % 11),
      ...(errors > 0 ? { errors24h: errors } : {}),
      // Running flows ran lately: the last run failed where errors piled up.
      ...(isRunning ? { lastRun: { correlationId: `last-${index + 1}`, status: errors > 20 ? 'failed' as const : index === 3 ? 'waiting' as const : 'succeeded' as const, startedAt: now - (index + 1) * 4 * MINUTE } } : {}),
    };
  });
}

/** The components of the logged flow, made in the designer: UUID ids, and a label on all but one. */
const COMPONENTS = [
  { componentId: '7c1e4b2a-5f3d-4e8a-9b6c-0d2f1a3e5b7c', componentType: 'weft.utils.http.Webhook', port: 'out', label: 'Invoice received' },
  { componentId: 'e2a9d4c1-8b7f-4a3e-b5d6-9c0f2e1a4b3d', componentType: 'weft.utils.http.Request', port: 'out', label: 'Fetch the invoice from the ERP' },
  { componentId: '3f8b6a1d-2c4e-4d9a-8e7b-5a0c3d2f1e6b', componentType: 'weft.utils.controls.Condition', port: 'true' },
  { componentId: 'b4d7e2f9-6a1c-4b8d-a3e5-7f0b9c2d4e1a', componentType: 'weft.chat.messages.Send', port: 'in', label: 'Tell #billing' },
] as const;

export const LOG_FLOW_ID = 'flow-1';

/** What the logs call each component of the logged flow: its label, or its type's (`Condition`). */
export const LOG_COMPONENT_NAMES: readonly string[] = COMPONENTS.map((component) => ('label' in component ? component.label : 'Condition'));

/** The descriptor of the logged flow, as GET /flows/:id answers it: a chain of its four components. */
export function sampleDescriptors(): Record<string, FlowDescriptorInput> {
  const descriptor: FlowDescriptorInput = {};
  COMPONENTS.forEach((component, step) => {
    const previous = COMPONENTS[step - 1];
    descriptor[component.componentId] = {
      type: component.componentType,
      ...('label' in component ? { label: component.label } : {}),
      x: step * 260,
      y: 0,
      ...(previous ? { source: { in: { [previous.componentId]: [previous.port] } } } : {}),
    };
  });
  return { [LOG_FLOW_ID]: descriptor };
}

/** The manifests of the logged flow's component types, as GET /components answers them. */
export const sampleManifests = [
  { name: 'weft.utils.http.Webhook', label: 'Webhook', category: 'http', webhook: true },
  { name: 'weft.utils.http.Request', label: 'HTTP request', category: 'http' },
  { name: 'weft.utils.controls.Condition', label: 'Condition', category: 'controls' },
  { name: 'weft.chat.messages.Send', label: 'Send a chat message', category: 'chat' },
];

/**
 * `count` records over the last `spanMs`, newest first, grouped in correlations of four (one per
 * component, in order); about one correlation in twelve fails at the HTTP lookup.
 */
export function sampleLogs(now: number, count: number, spanMs = HOUR): LogRecord[] {
  const next = random(42);
  const records: LogRecord[] = [];
  // Busier towards now, so the histogram has a shape.
  for (let c = 0; records.length < count; c++) {
    const age = spanMs * Math.pow(next(), 1.6);
    const start = Math.round(now - age - 2000);
    const correlationId = `corr-${String(c).padStart(6, '0')}`;
    const fails = next() < 1 / 12;
    const invoice = 1000 + c;
    const amount = Math.round(next() * 500000) / 100;
    for (let step = 0; step < COMPONENTS.length && records.length < count; step++) {
      const { componentId, componentType, port } = COMPONENTS[step]!;
      const failed = fails && step === 1;
      records.push({
        id: `${correlationId}-${step}`,
        time: start + step * 120 + Math.round(next() * 80),
        flowId: LOG_FLOW_ID,
        componentId,
        componentType,
        port,
        direction: failed ? 'error' : step === 0 ? 'out' : step === 3 ? 'in' : 'out',
        severity: failed ? 'error' : step === 2 && next() < 0.1 ? 'warn' : 'info',
        correlationId,
        messageId: `${correlationId}-m${step}`,
        payload: failed ? { url: `https://erp.example.com/invoices/${invoice}` } : {
          invoice: { id: `INV-${invoice}`, amount, currency: 'EUR', customer: { name: 'Ada Lovelace', email: 'ada@example.com' } },
          status: 200,
        },
        truncated: false,
        durationMs: Math.round(next() * 400),
        ...(failed ? { error: { code: 'http.timeout', message: `GET https://erp.example.com/invoices/${invoice} timed out after 10 s` } } : {}),
      });
      if (failed) break;
    }
  }
  return records.sort((a, b) => b.time - a.time);
}

/** The run history of the logged flow: one of each status, the failed one naming its component and error. */
export function sampleRuns(now: number): Run[] {
  const run = (i: number, status: Run['status'], durationMs: number | undefined, steps: number, extra: Partial<Run> = {}): Run => ({
    correlationId: `run-${String(i).padStart(3, '0')}-${status}`, flowId: LOG_FLOW_ID, status, startedAt: now - i * 7 * MINUTE, lastAt: now - i * 7 * MINUTE + (durationMs ?? 0),
    ...(durationMs === undefined ? {} : { endedAt: now - i * 7 * MINUTE + durationMs, durationMs }), steps, errors: 0, ...extra,
  });
  return [
    run(0, 'running', undefined, 2),
    run(1, 'waiting', undefined, 3),
    run(2, 'failed', 12_400, 2, {
      errors: 5,
      failure: { componentId: COMPONENTS[1].componentId, componentType: 'weft.utils.http.Request', time: now - 14 * MINUTE + 12_400, error: { code: 'http.timeout', message: 'GET https://erp.example.com/invoices/1042 timed out after 10 s' } },
    }),
    run(3, 'succeeded', 842, 4),
    run(4, 'succeeded', 1_310, 4, { errors: 1 }),
    run(5, 'cancelled', 65_000, 1),
    run(6, 'succeeded', 97, 4),
  ];
}

/** Messages that exhausted their retries, waiting for a person. */
export function sampleUnprocessed(now: number): UnprocessedMessage[] {
  return [
    { id: 'um-1', flowId: LOG_FLOW_ID, componentId: COMPONENTS[1].componentId, componentType: 'weft.utils.http.Request', message: { invoice: { id: 'INV-1042', amount: 129.5 } }, error: { code: 'http.timeout', message: 'GET https://erp.example.com/invoices/1042 timed out after 10 s' }, attempts: 5, createdAt: now - 3 * HOUR, updatedAt: now - 2 * HOUR },
    { id: 'um-2', flowId: LOG_FLOW_ID, componentId: COMPONENTS[3].componentId, componentType: 'weft.chat.messages.Send', message: { channel: 'billing', text: 'Invoice INV-1043 approved' }, error: { code: 'chat.channel_not_found', message: 'Channel #billing does not exist' }, attempts: 5, createdAt: now - 50 * MINUTE, updatedAt: now - 20 * MINUTE },
    { id: 'um-3', flowId: LOG_FLOW_ID, componentId: COMPONENTS[1].componentId, componentType: 'weft.utils.http.Request', message: { invoice: { id: 'INV-1077', amount: 18 } }, error: { code: 'http.status', message: 'The ERP answered 503 Service Unavailable' }, attempts: 3, createdAt: now - 12 * MINUTE, updatedAt: now - 4 * MINUTE },
  ];
}
