/** @module Flow builder: terse descriptors for connector tests (components, edges with mappings). */
import { http, type HttpResult, type TestUser, type TestWeft } from '../harness.ts';

type Lambda = Record<string, unknown>;
type EdgeTransforms = Record<string, Record<string, { type: 'json2new'; lambda: Lambda }>>;

export interface ComponentSpec {
  type: string;
  /** `{ inPort: { sourceId: [outPort] } }` */
  source: Record<string, Record<string, string[]>>;
  config: { properties: Record<string, unknown>; transform: Record<string, EdgeTransforms> };
}

/** A component fed from `from` (`"<id>.<outPort>"` each) on port `inPort`, with the same mapping on each edge. */
export function node(type: string, from: string[] = [], options: { inPort?: string; lambda?: Lambda; properties?: Record<string, unknown> } = {}): ComponentSpec {
  const inPort = options.inPort ?? 'in';
  const sources: Record<string, string[]> = {};
  const transforms: EdgeTransforms = {};
  for (const edge of from) {
    const [id = '', port = ''] = edge.split('.');
    (sources[id] ??= []).push(port);
    if (options.lambda) (transforms[id] ??= {})[port] = { type: 'json2new', lambda: options.lambda };
  }
  return {
    type,
    source: from.length > 0 ? { [inPort]: sources } : {},
    config: { properties: options.properties ?? {}, transform: options.lambda ? { [inPort]: transforms } : {} },
  };
}

/** One component whose in ports are described by several `node()` specs. */
export function withPorts(type: string, ...parts: ComponentSpec[]): ComponentSpec {
  const merged: ComponentSpec = { type, source: {}, config: { properties: {}, transform: {} } };
  for (const part of parts) {
    Object.assign(merged.source, part.source);
    Object.assign(merged.config.properties, part.config.properties);
    Object.assign(merged.config.transform, part.config.transform);
  }
  return merged;
}

export const WEBHOOK = 'weft.utils.http.Webhook';
export const RESPONSE = 'weft.utils.http.Response';

/** A Response that answers `{ status, body }` built from variables. */
export function reply(from: string, body: unknown, status = 200): ComponentSpec {
  return node(RESPONSE, [from], { lambda: { status, body } });
}

export function callWebhook(weft: TestWeft, flowId: string, body: unknown, componentId = 'hook'): Promise<HttpResult<any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return http(`${weft.url}/flows/${flowId}/components/${componentId}`, { body });
}

/** Why a webhook call's run failed, read from the logs: the anonymous caller's 500 gives only the correlation id. */
export async function failureOf(user: TestUser, answer: HttpResult<any>): Promise<string> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const correlationId = String((answer.body as { error?: { correlationId?: string } } | null)?.error?.correlationId);
  const isFinal = (record: { severity: string }) => record.severity === 'error';
  const records = await user.waitForLogs({ correlationId, direction: 'error' }, (rs) => rs.some(isFinal));
  return records.filter(isFinal).map((record) => record.error?.message ?? '').join('\n');
}

export const REQUEST = 'weft.utils.http.Request';

/** Webhook → Request (every field mapped from the webhook body) → Response echoing what Request sent on. */
export function requestFlow() {
  return {
    hook: node(WEBHOOK),
    request: node(REQUEST, ['hook.out'], {
      lambda: {
        method: '{{{$.hook.out.body.method}}}', url: '{{{$.hook.out.body.url}}}', headers: '{{{$.hook.out.body.headers}}}',
        body: '{{{$.hook.out.body.payload}}}', timeoutMs: '{{{$.hook.out.body.timeoutMs}}}',
      },
    }),
    reply: reply('request.out', '{{{$.request.out}}}'),
  };
}
