/**
 * A flow's answer (`GET /flows/:id`, save, start, publish, stop) takes its descriptor's JSON from
 * the text the Store read, instead of serialising 300 KB again at 1,000 components: the bytes sent
 * must be exactly those `c.json` sent before.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openEmbedded, type Embedded } from '../../src/adapters/embedded/index.ts';
import { flowBody, flowBodyJson } from '../../src/api/flows.ts';
import type { FlowRecord } from '../../src/ports/store.ts';

const ROOT = 'https://weft.example/hooks';

const descriptor = (label: string): Record<string, unknown> => ({
  hook: { type: 'weft.utils.http.Webhook', label, x: 0, y: 0, source: {}, config: { properties: { timeoutMs: 1.5e3 }, transform: {} } },
  '2': { type: 'weft.utils.transform.Set', x: 1, y: 0, source: { in: { hook: ['out'] } }, config: { properties: {}, transform: { in: { hook: { out: { type: 'json2new', lambda: { say: 'é "quoted" \u2028 {{{$.hook.out.body}}}' } } } } } } },
});

describe('when a flow is answered with its descriptor as the Store read it', () => {
  let embedded: Embedded | undefined;
  afterEach(async () => {
    await embedded?.close();
    embedded = undefined;
  });

  it('sends the same bytes as serialising the whole answer, draft and published, with custom fields', async () => {
    embedded = openEmbedded({ file: ':memory:' });
    const store = embedded.store;
    const record: FlowRecord = {
      flowId: 'f1', userId: 'u', tenantId: 't', name: 'Orders "big"', stage: 'stopped', version: 1, flow: descriptor('Hook'),
      createdAt: 1, updatedAt: 2, customFields: { segment: 'gold', seats: 12 }, errorFlowId: 'f0',
    };
    await store.createFlow(record);
    const read = async () => (await store.getFlow('f1'))!;
    // Read twice: one to answer from the stored text, one to serialise as c.json did.
    expect(flowBodyJson(await read(), ROOT)).toBe(JSON.stringify(flowBody(await read(), ROOT)));

    await store.publishFlow({ flowId: 'f1', userId: 'u', version: 1, name: record.name, flow: record.flow, publishedAt: 3, publishedBy: 'u', draftVersion: 1 });
    await store.updateFlow('f1', 'u', { flow: descriptor('Hook, changed') }, 1);
    const changed = await read();
    expect(changed.publishedVersion).toBe(1);
    expect(flowBodyJson(changed, ROOT)).toBe(JSON.stringify(flowBody(await read(), ROOT)));
  });

  it('sends the same bytes for a descriptor no Store read (one just built)', () => {
    const record: FlowRecord = { flowId: 'f2', userId: 'u', tenantId: 't', name: 'new', stage: 'running', version: 3, flow: descriptor('Fresh'), createdAt: 1, updatedAt: 2, startedAt: 5 };
    expect(flowBodyJson(record, ROOT)).toBe(JSON.stringify(flowBody(record, ROOT)));
  });
});
