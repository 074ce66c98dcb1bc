/**
 * Issue 11, item 6: validating a chain of n components cost n³ on the event loop (minutes for
 * 1,000, while every other request waited), and nothing bounded how big a flow could be. Validation
 * is now near-linear, and a flow's components, connections and bytes are capped
 * (`WEFT_FLOW_MAX_COMPONENTS`, `WEFT_FLOW_MAX_EDGES`, `WEFT_FLOW_MAX_BYTES`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, startTestWeft, type TestUser, type TestWeft } from '../harness.ts';
import { node, WEBHOOK } from '../connectors/flow-builder.ts';

const SET = 'weft.utils.storage.Set';

/** hook → s1 → … → sN, each Set keyed by its parent's key and saving the webhook's body. */
function chain(n: number): Record<string, unknown> {
  const flow: Record<string, unknown> = { hook: { type: WEBHOOK } };
  let previous = 'hook';
  for (let i = 1; i <= n; i++) {
    flow[`s${i}`] = node(SET, [`${previous}.out`], { lambda: { key: `k{{{$.${previous}.out.key}}}`, value: '{{{$.hook.out.body | default("x")}}}' } });
    previous = `s${i}`;
  }
  return flow;
}

describe('when a flow is large', () => {
  let weft: TestWeft;
  let user: TestUser;
  beforeAll(async () => {
    weft = await startTestWeft();
    user = await weft.signup();
  });
  afterAll(() => weft.close());

  it('validates and starts a chain of 1,000 Set components, and keeps answering other requests', async () => {
    const flowId = await user.createFlow(chain(1000), 'Long chain');
    // Before: minutes of validation on the event loop, so this test ran into its timeout.
    const [validation, health] = await Promise.all([user.call('GET', `/flows/${flowId}/validate`), http(`${weft.url}/health`)]);
    expect(validation.status).toBe(200);
    expect(validation.body).toEqual({ valid: true, problems: [] });
    expect(health.status).toBe(200);
    const started = await user.call('POST', `/flows/${flowId}/start`);
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ stage: 'running', componentCount: 1001 });
  }, 60_000);

  it('still reports a variable that reads a component further down a long chain', async () => {
    const flow = chain(1000);
    flow.s10 = node(SET, ['s9.out'], { lambda: { key: '{{{$.s900.out.key}}}', value: 'x' } });
    const flowId = await user.createFlow(flow, 'Reads ahead');
    const validation = await user.call('GET', `/flows/${flowId}/validate`);
    expect(validation.body.problems).toEqual([
      expect.objectContaining({ code: 'variable.not_ancestor', path: 'flow.s10.config.transform.in.s9.out.key', message: '{{{$.s900.out.key}}} reads "Save to store (900th)", which does not run before "Save to store (10th)"' }),
    ]);
  }, 60_000);
});

describe('when a flow is larger than the limits', () => {
  let weft: TestWeft;
  let user: TestUser;
  beforeAll(async () => {
    weft = await startTestWeft({ env: { WEFT_FLOW_MAX_COMPONENTS: '20', WEFT_FLOW_MAX_EDGES: '30', WEFT_FLOW_MAX_BYTES: '20000' } });
    user = await weft.signup();
  });
  afterAll(() => weft.close());

  it('create refuses more components than WEFT_FLOW_MAX_COMPONENTS with 422 flow.too_large at body.flow', async () => {
    expect((await user.call('POST', '/flows', { name: 'Fits', flow: chain(19) })).status).toBe(201);
    const created = await user.call('POST', '/flows', { name: 'Too many', flow: chain(20) });
    expect(created.status).toBe(422);
    expect(created.body.error).toMatchObject({ code: 'flow.too_large', path: 'body.flow', message: 'The flow has 21 components; a flow may have at most 20. Split it into flows that call each other.' });
  });

  it('create and update refuse more connections than WEFT_FLOW_MAX_EDGES', async () => {
    // Four components, each fed from every output of the others: 4 × 3 × 3 = 36 connections.
    const ids = ['a', 'b', 'c', 'd'];
    const flow = Object.fromEntries(ids.map((id) => [id, { type: 'weft.utils.controls.Each', source: { in: Object.fromEntries(ids.filter((other) => other !== id).map((other) => [other, ['item', 'done', 'x']])) } }]));
    const created = await user.call('POST', '/flows', { name: 'Tangled', flow });
    expect(created.status).toBe(422);
    expect(created.body.error).toMatchObject({ code: 'flow.too_large', path: 'body.flow' });
    expect(created.body.error.message).toContain('36 connections');

    const flowId = await user.createFlow({}, 'Empty');
    const updated = await user.call('PUT', `/flows/${flowId}`, { version: 1, flow });
    expect(updated.status).toBe(422);
    expect(updated.body.error.code).toBe('flow.too_large');
  });

  it('create refuses a descriptor of more than WEFT_FLOW_MAX_BYTES with 413 flow.descriptor_too_large', async () => {
    const flow = { hook: { type: WEBHOOK, label: 'x'.repeat(200) }, ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`n${i}`, { type: WEBHOOK, label: 'y'.repeat(199) }])) };
    expect((await user.call('POST', '/flows', { name: 'Fits', flow })).status).toBe(201);
    // 16 components (within the 20 allowed) of which 5 hold 4,000 characters each.
    const big = { ...flow };
    for (let i = 0; i < 5; i++) Object.assign(big, { [`m${i}`]: { type: WEBHOOK, config: { properties: { text: 'v'.repeat(4000) } } } });
    const created = await user.call('POST', '/flows', { name: 'Too big', flow: big });
    expect(created.status).toBe(413);
    expect(created.body.error).toMatchObject({ code: 'flow.descriptor_too_large', path: 'body.flow' });
  });

  it('refuses to clone, validate or start a flow saved before the limits, beyond them', async () => {
    const flowId = await user.createFlow(chain(5), 'Grew later');
    // A flow saved under higher limits (or none): written to the Store directly.
    const record = await weft.weft.engine.store.getFlow(flowId, user.userId);
    await weft.weft.engine.store.updateFlow(flowId, user.userId, { flow: chain(30) }, record!.version);
    for (const [method, path] of [['POST', `/flows/${flowId}/clone`], ['GET', `/flows/${flowId}/validate`], ['POST', `/flows/${flowId}/start`]] as const) {
      const answer = await user.call(method, path, method === 'POST' ? {} : undefined);
      expect(answer.status, `${method} ${path}`).toBe(422);
      expect(answer.body.error).toMatchObject({ code: 'flow.too_large', path: 'flow' });
    }
    expect((await user.call('GET', '/flows?search=Grew')).body.total).toBe(1);
  });
});
