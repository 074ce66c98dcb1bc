/** @module Flows for the SQL connector tests: a webhook in front of one component, and a New Row trigger feeding a pure component. */
import { http, type LogRecordBody, type TestUser, type TestWeft } from '../harness.ts';

/** Webhook → `type` (properties, mapping `lambda` from the request body) → Response with what it sent. */
export function hookFlow(type: string, properties: Record<string, unknown>, lambda: Record<string, unknown>) {
  return {
    hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
    step: { type, x: 1, y: 0, source: { in: { hook: ['out'] } }, config: { properties, transform: { in: { hook: { out: { type: 'json2new', lambda } } } } } },
    reply: {
      type: 'weft.utils.http.Response', x: 2, y: 0, source: { in: { step: ['out'] } },
      config: { transform: { in: { step: { out: { type: 'json2new', lambda: { body: '{{{$.step.out}}}' } } } } } },
    },
  };
}

/** `type` (a New Row trigger) → Set, whose out records in the logs are the rows it sent. */
export function newRowFlow(type: string, properties: Record<string, unknown>) {
  return {
    rows: { type, x: 0, y: 0, config: { properties } },
    seen: {
      type: 'weft.utils.transform.Set', x: 1, y: 0, source: { in: { rows: ['out'] } },
      config: { transform: { in: { rows: { out: { type: 'json2new', lambda: { name: '{{{$.rows.out.name}}}' } } } } } },
    },
  };
}

export async function callHook(weft: TestWeft, flowId: string, body: unknown) {
  const response = await fetch(`${weft.url}/flows/${flowId}/components/hook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json().catch((): unknown => null) };
}

/**
 * The `name` of every row the trigger sent, oldest first, once at least `count` were sent. Takes the
 * engine explicitly: after a restart it listens on another port, while the user's token still holds.
 */
export async function rowsSent(weft: TestWeft, user: TestUser, flowId: string, count: number): Promise<string[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const page = await http<{ records: LogRecordBody[] }>(`${weft.url}/logs?flowId=${flowId}&componentId=rows&direction=out&limit=1000`, { token: user.token });
    const records = page.status === 200 ? page.body.records : [];
    if (records.length >= count || Date.now() > deadline) {
      return records
        .slice()
        .sort((a, b) => a.time - b.time || a.id.localeCompare(b.id))
        .map((record) => String((record.payload as { name?: unknown }).name));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
