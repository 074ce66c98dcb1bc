/**
 * Issue 13, "Limits and fairness per tenant": one tenant flooding webhooks or the API gets 429
 * `tenant.rate_limited` with Retry-After, while another tenant is still served. Limits come from
 * the config and may be set per tenant through the host API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostKey } from '../../src/tenancy/host-keys.ts';
import { callWebhook, node, reply, WEBHOOK } from '../connectors/flow-builder.ts';
import { http, startTestWeft, type HttpResult, type TestUser, type TestWeft } from '../harness.ts';

type ErrorBody = { error: { code: string; message: string; path?: string } };

const PAUSE_MS = 300;

describe('per-tenant rate limits', () => {
  let weft: TestWeft;
  let key: string;
  const host = <T = unknown>(method: string, path: string, body?: unknown): Promise<HttpResult<T>> =>
    http<T>(`${weft.url}/host${path}`, { method, token: key, ...(body === undefined ? {} : { body }) });
  const echoFlow = async (user: TestUser) => {
    const flowId = await user.createFlow({ hook: node(WEBHOOK), reply: reply('hook.out', { ok: true }) });
    await user.startFlow(flowId);
    return flowId;
  };
  /** Calls until the first refusal (at most `tries`); returns how many were served and the refusal. */
  const floodUntilRefused = async (call: () => Promise<HttpResult<unknown>>, tries: number) => {
    let served = 0;
    for (let i = 0; i < tries; i++) {
      const answer = await call();
      if (answer.status === 429) return { served, refusal: answer as HttpResult<ErrorBody> };
      expect(answer.status).toBe(200);
      served += 1;
    }
    return { served, refusal: undefined };
  };

  beforeAll(async () => {
    // Slow refills, so that nothing comes back while a test runs; bursts big enough for the set-up calls.
    weft = await startTestWeft({ env: { WEFT_TENANT_REFUSAL_PAUSE_MS: String(PAUSE_MS), WEFT_TENANT_WEBHOOK_RATE: '0.05', WEFT_TENANT_WEBHOOK_BURST: '5', WEFT_TENANT_API_RATE: '0.05', WEFT_TENANT_API_BURST: '30' } });
    ({ key } = await createHostKey(weft.weft.engine.store, { name: 'Test host', scopes: ['provision', 'read'] }));
  });
  afterAll(async () => weft.close());

  it("refuses tenant A's webhook calls past its bucket with 429 and Retry-After, while tenant B's are answered", async () => {
    const [alice, bob] = [await weft.signup(), await weft.signup()];
    const [aliceFlow, bobFlow] = [await echoFlow(alice), await echoFlow(bob)];
    const { served, refusal } = await floodUntilRefused(() => callWebhook(weft, aliceFlow, {}), 20);
    expect(served).toBe(5);
    expect(refusal?.body.error.code).toBe('tenant.rate_limited');
    expect(Number(refusal?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const bobAnswer = await callWebhook(weft, bobFlow, {});
    expect(bobAnswer.status).toBe(200);
    expect(bobAnswer.body).toEqual({ ok: true });
    // Alice's other flows share her tenant's bucket.
    const another = await echoFlow(alice);
    expect((await callWebhook(weft, another, {})).status).toBe(429);
  });

  it('keeps a refused webhook caller waiting for the refusal pause before its 429, so a retry loop is paced', async () => {
    const alice = await weft.signup();
    const flowId = await echoFlow(alice);
    const { refusal } = await floodUntilRefused(() => callWebhook(weft, flowId, {}), 20);
    expect(refusal?.status).toBe(429);
    const sent = performance.now();
    const again = await callWebhook(weft, flowId, {});
    expect(again.status).toBe(429);
    // A lower bound only: the answer cannot come before the pause is over, however fast the machine.
    expect(performance.now() - sent).toBeGreaterThanOrEqual(PAUSE_MS - 5);
  });

  it("refuses tenant A's API requests past its bucket, while tenant B's are answered", async () => {
    const [alice, bob] = [await weft.signup(), await weft.signup()];
    const { served, refusal } = await floodUntilRefused(() => alice.call('GET', '/flows'), 60);
    expect(served).toBeGreaterThan(0);
    expect(served).toBeLessThanOrEqual(30);
    expect(refusal?.status).toBe(429);
    expect(refusal?.body.error.code).toBe('tenant.rate_limited');
    expect(Number(refusal?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await bob.call('GET', '/flows')).status).toBe(200);
  });

  it("takes a tenant's own limits from the host API, and refuses bad ones with 400", async () => {
    const bad = await host<ErrorBody>('PUT', '/tenants/bad-limits', { name: 'Bad', limits: { webhookRate: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.path).toBe('body.limits.webhookRate');
    const put = await host<{ id: string; limits: unknown }>('PUT', '/tenants/big', { name: 'Big', limits: { maxFlows: 10, webhookRate: 0.05, webhookBurst: 12, apiRate: 0 } });
    expect(put.status).toBe(201);
    expect(put.body.limits).toEqual({ maxFlows: 10, webhookRate: 0.05, webhookBurst: 12, apiRate: 0 });
    await host('PUT', '/tenants/big/users/ann', { role: 'owner' });
    const minted = await host<{ token: string }>('POST', '/tenants/big/users/ann/tokens');
    const ann = weft.withToken(minted.body.token, 'ann');
    const flowId = await echoFlow(ann);
    // Its burst of 12 webhook calls, not the default 5.
    expect((await floodUntilRefused(() => callWebhook(weft, flowId, {}), 20)).served).toBe(12);
    // apiRate 0: no API limit for this tenant, far past the default burst of 30.
    expect((await floodUntilRefused(() => ann.call('GET', '/flows'), 60)).served).toBe(60);
  });
});
