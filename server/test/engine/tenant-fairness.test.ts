/**
 * Issue 13, fair dispatch: one tenant whose many users (or flows) flood a worker with slow messages
 * must not take every delivery slot. Its messages above WEFT_TENANT_MAX_IN_FLIGHT wait (deferred,
 * not failed and not lost) while another tenant is served; all of them run once slots free up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostKey } from '../../src/tenancy/host-keys.ts';
import { callWebhook, node, reply, WEBHOOK } from '../connectors/flow-builder.ts';
import { http, startTestWeft, type TestUser, type TestWeft } from '../harness.ts';
import { gatedComponent } from './gated-component.ts';

describe('one tenant with many users flooding a worker', () => {
  let weft: TestWeft;
  const slow = gatedComponent('test.fairness.Slow');
  beforeAll(async () => {
    // Each user alone could take every slot (8 of 8); the tenant may not.
    weft = await startTestWeft({ components: [slow.definition], env: { WEFT_PREFETCH: '8', WEFT_USER_IN_FLIGHT: '8', WEFT_TENANT_MAX_IN_FLIGHT: '4' } });
  });
  afterAll(async () => {
    slow.open();
    await weft.close();
  });

  it("keeps slots for another tenant, and runs every one of the flooding tenant's messages later", async () => {
    const { key } = await createHostKey(weft.weft.engine.store, { name: 'Host', scopes: ['provision'] });
    const host = (method: string, path: string, body?: unknown) => http<{ id: string; token: string }>(`${weft.url}/host${path}`, { method, token: key, ...(body === undefined ? {} : { body }) });
    await host('PUT', '/tenants/noisy', { name: 'Noisy' });
    const users: TestUser[] = [];
    for (let i = 0; i < 4; i++) {
      const upserted = await host('PUT', `/tenants/noisy/users/u${i}`, { role: 'editor' });
      const minted = await host('POST', `/tenants/noisy/users/u${i}/tokens`);
      users.push(weft.withToken(minted.body.token, upserted.body.id));
    }
    const flows: string[] = [];
    for (const user of users) {
      const flowId = await user.createFlow({ hook: node(WEBHOOK, [], { properties: { waitForResponse: false } }), slow: node('test.fairness.Slow', ['hook.out']) });
      await user.startFlow(flowId);
      flows.push(flowId);
    }
    const bob = await weft.signup();
    const echo = await bob.createFlow({ hook: node(WEBHOOK), reply: reply('hook.out', { ok: true }) });
    await bob.startFlow(echo);

    // 20 messages of the noisy tenant, 5 per user: no user is over its own share, the tenant is.
    for (let i = 0; i < 20; i++) expect((await callWebhook(weft, flows[i % 4]!, { i })).status).toBe(202);
    // The tenant's share (4) and half of the other slots (2), no more.
    expect(await slow.settled(6)).toBe(6);
    const answer = await callWebhook(weft, echo, {});
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ ok: true });

    slow.open();
    // Deferred, not lost: all 20 run, and none failed.
    for (const [i, flowId] of flows.entries()) {
      await users[i]!.waitForLogs({ flowId, componentId: 'slow', direction: 'out' }, (records) => records.length >= 5, 30_000);
      const errors = await users[i]!.call<{ records: unknown[] }>('GET', `/logs?flowId=${flowId}&direction=error`);
      expect(errors.body.records).toEqual([]);
    }
    expect(slow.entered()).toBe(20);
  }, 90_000);
});
