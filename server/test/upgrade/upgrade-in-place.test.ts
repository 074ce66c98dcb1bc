import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callWebhook } from '../connectors/flow-builder.ts';
import { http, startTestWeft, TEST_PASSWORD, type TestUser, type TestWeft } from '../harness.ts';
import { ALICE, FIXTURE_DIR, OPERATOR } from './upgrade-flows.ts';

// The data files of the Weft of 2026-12-03 (make-fixture.ts), opened in place by this version.
describe('when this version starts on the files of the version of 2026-12-03', () => {
  let dataDir: string;
  let weft: TestWeft;
  let alice: TestUser;
  const ids = JSON.parse(readFileSync(new URL('ids.json', FIXTURE_DIR), 'utf8')) as Record<'Greeter' | 'Draft' | 'Failing' | 'Later' | 'Save' | 'Lookup', string>;

  const login = async (email: string): Promise<TestUser> => {
    const answer = await http<{ token: string; user: { id: string } }>(`${weft.url}/auth/login`, { body: { email, password: TEST_PASSWORD } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const { token, user } = answer.body;
    return {
      token, userId: user.id, email,
      call: (method, path, body) => http(`${weft.url}${path}`, { method, token, ...(body === undefined ? {} : { body }) }),
    } as TestUser;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'weft-upgrade-'));
    cpSync(fileURLToPath(FIXTURE_DIR), dataDir, { recursive: true });
    weft = await startTestWeft({ dataDir });
    alice = await login(ALICE);
  });
  afterAll(async () => {
    await weft.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every flow, with its name and stage', async () => {
    const listed = await alice.call<{ items: { flowId: string; name: string; stage: string }[] }>('GET', '/flows?limit=100');
    const byName = Object.fromEntries(listed.body.items.map((flow) => [flow.name, flow]));
    expect(Object.keys(byName).sort()).toEqual(['Draft', 'Failing', 'Greeter', 'Later', 'Lookup', 'Save']);
    expect(byName.Draft).toMatchObject({ flowId: ids.Draft, stage: 'stopped' });
    for (const name of ['Greeter', 'Failing', 'Later', 'Save', 'Lookup']) expect(byName[name]).toMatchObject({ flowId: ids[name as keyof typeof ids], stage: 'running' });
  });

  it('publishes each flow that was running as version 1, and leaves the one never started a draft', async () => {
    const greeter = await alice.call<{ publishedVersion?: number; hasUnpublishedChanges: boolean }>('GET', `/flows/${ids.Greeter}`);
    expect(greeter.body).toMatchObject({ publishedVersion: 1, hasUnpublishedChanges: false });
    const versions = await alice.call<{ items: { version: number }[] }>('GET', `/flows/${ids.Greeter}/versions`);
    expect(versions.body.items.map((item) => item.version)).toEqual([1]);
    const draft = await alice.call<{ publishedVersion?: number }>('GET', `/flows/${ids.Draft}`);
    expect(draft.body.publishedVersion).toBeUndefined();
  });

  it('runs a running flow at once, with the operator\'s custom modifier', async () => {
    const answer = await callWebhook(weft, ids.Greeter, { name: 'Carol' });
    expect(answer.body).toEqual({ greeting: 'Hello CAROL!' });
  });

  it('finds the old runs in the logs by full-text search', async () => {
    const page = await alice.call<{ records: { flowId: string; componentId: string }[] }>('GET', '/logs?q=Bob&limit=50');
    expect(page.body.records.some((record) => record.flowId === ids.Greeter && record.componentId === 'set')).toBe(true);
  });

  it('reads what the data store held', async () => {
    const answer = await callWebhook(weft, ids.Lookup, { key: 'colour' });
    expect(answer.body).toMatchObject({ key: 'colour', value: 'teal', found: true });
  });

  it('fires the timer that was pending, with the run\'s values', async () => {
    let records: { payload: unknown }[] = [];
    for (let i = 0; i < 200 && records.length === 0; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      records = (await alice.call<{ records: { payload: unknown }[] }>('GET', `/logs?flowId=${ids.Later}&componentId=done&direction=out`)).body.records;
    }
    expect(records[0]?.payload).toEqual({ woke: 'from-the-fixture' });
  });

  it('keeps the unprocessed message, and can retry it', async () => {
    const parked = await alice.call<{ total: number; items: { id: string; componentId: string; error: { message: string } }[] }>('GET', `/unprocessed-messages?flowId=${ids.Failing}`);
    expect(parked.body.total).toBe(1);
    expect(parked.body.items[0]).toMatchObject({ componentId: 'code' });
    expect(parked.body.items[0]!.error.message).toContain('the fixture always fails');
    const retried = await alice.call('POST', `/unprocessed-messages/${parked.body.items[0]!.id}/retry`);
    expect(retried.status).toBeLessThan(300);
  });

  it('gives every existing user a tenant of their own, as its owner, holding their flows', async () => {
    const operator = await login(OPERATOR);
    const [me, op] = await Promise.all([alice.call<{ tenantId: string; tenantRole: string }>('GET', '/user'), operator.call<{ tenantId: string; tenantRole: string }>('GET', '/user')]);
    expect(me.body).toMatchObject({ tenantId: `t-${alice.userId}`, tenantRole: 'owner' });
    expect(op.body).toMatchObject({ tenantId: `t-${operator.userId}`, tenantRole: 'owner' });
    // The operator is in another tenant: Alice's flows stay hers, out of the operator's tenant (an
    // operator reads another tenant's flows only as staff, and that is audited).
    const operatorsFlows = await operator.call<{ items: { flowId: string }[] }>('GET', `/flows?limit=100&tenantId=${encodeURIComponent(op.body.tenantId)}`);
    expect(operatorsFlows.body.items.map((flow) => flow.flowId)).not.toContain(ids.Greeter);
    const tenant = await weft.weft.engine.store.getTenant(me.body.tenantId);
    expect(tenant).toMatchObject({ name: ALICE, limits: {} });
    expect((await weft.weft.engine.store.getFlow(ids.Greeter))?.tenantId).toBe(me.body.tenantId);
  });

  it('keeps the operator and the custom modifier with its version', async () => {
    const operator = await login(OPERATOR);
    const modifiers = await operator.call<{ items: { name: string; version?: number; custom?: boolean }[] }>('GET', '/modifiers');
    expect(JSON.stringify(modifiers.body)).toContain('"shout"');
  });
});
