import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, startTestWeft, type TestUser, type TestWeft } from '../harness.ts';
import { callWebhook, node, WEBHOOK } from '../connectors/flow-builder.ts';

const ADMIN = 'boss@example.com';
const failing = {
  hook: node(WEBHOOK, [], { properties: { waitForResponse: false } }),
  code: node('weft.utils.code.JavaScript', ['hook.out'], { lambda: { n: '{{{$.hook.out.body.n}}}' }, properties: { code: 'function run(i) { if (i.n !== 99) throw new Error("nope " + i.n); return { fixed: i.n } }' } }),
};

describe('the admin API', () => {
  let weft: TestWeft;
  let admin: TestUser;
  let alice: TestUser;
  beforeAll(async () => {
    weft = await startTestWeft();
    admin = await weft.operator(ADMIN);
    alice = await weft.signup();
  });
  afterAll(() => weft.close());

  it('gives an operator the admin API, and refuses everyone else with 403', async () => {
    expect((await admin.call('GET', '/user')).body.role).toBe('admin');
    for (const path of ['/admin/users', '/admin/unprocessed-messages', '/admin/settings']) {
      const refused = await alice.call('GET', path);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('auth.forbidden');
    }
    expect((await http(`${weft.url}/admin/users`)).status).toBe(401);
  });

  it('pages users, disables one (its tokens stop working), enables it again and revokes tokens', async () => {
    const page = await admin.call('GET', '/admin/users?limit=1&offset=1');
    expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ id: alice.userId, disabled: false, role: 'user' }] });

    expect((await admin.call('POST', `/admin/users/${alice.userId}/disable`)).body).toMatchObject({ disabled: true });
    expect((await alice.call('GET', '/flows')).status).toBe(401);
    const login = await http(`${weft.url}/auth/login`, { body: { email: alice.email, password: 'correct horse battery' } });
    expect(login.body).toMatchObject({ error: { code: 'auth.disabled' } });

    expect((await admin.call('POST', `/admin/users/${alice.userId}/enable`)).body).toMatchObject({ disabled: false });
    const again = await http<{ token: string }>(`${weft.url}/auth/login`, { body: { email: alice.email, password: 'correct horse battery' } });
    const fresh = (method: string, path: string) => http(`${weft.url}${path}`, { method, token: again.body.token });
    expect((await fresh('GET', '/flows')).status).toBe(200);
    expect((await admin.call('POST', `/admin/users/${alice.userId}/revoke-tokens`)).body).toEqual({ revoked: 1 });
    expect((await fresh('GET', '/flows')).status).toBe(401);
    expect((await admin.call('POST', '/admin/users/nobody/disable')).status).toBe(404);
  });

  it('round-trips settings, refuses bad ones and applies maxAttempts to the next failure', async () => {
    const read = await admin.call('GET', '/admin/settings');
    expect(read.body).toMatchObject({ retry: { baseMs: 50, maxMs: 400, maxAttempts: 3 }, sandbox: { timeoutMs: 1000 }, logs: { payloadLimitBytes: 16_384 } });
    const bad = await admin.call('PUT', '/admin/settings', { ...read.body, retry: { baseMs: 500, maxMs: 100, maxAttempts: 2 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.path).toBe('body.retry.maxMs');

    const next = { ...read.body, retry: { baseMs: 10, maxMs: 20, maxAttempts: 1 }, logs: { payloadLimitBytes: 1024, retentionDays: 7 } };
    expect((await admin.call('PUT', '/admin/settings', next)).body).toEqual(next);
    expect((await admin.call('GET', '/admin/settings')).body).toEqual(next);

    const carol = await weft.signup();
    const flowId = await carol.createFlow(failing);
    await carol.startFlow(flowId);
    await callWebhook(weft, flowId, { n: 1 });
    const errors = await carol.waitForLogs({ flowId, direction: 'error' }, (records) => records.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await carol.call('GET', `/logs?flowId=${flowId}&direction=error`)).body.records).toHaveLength(1);
    expect(errors[0]?.severity).toBe('error');
  });

  it("lists everyone's unprocessed messages, filters them, edits one, retries it and deletes another", async () => {
    const dave = await weft.signup();
    const flowId = await dave.createFlow(failing, 'Failing');
    await dave.startFlow(flowId);
    await callWebhook(weft, flowId, { n: 1 });
    await callWebhook(weft, flowId, { n: 2 });
    let list: { items: { id: string; userId: string; message: Record<string, unknown> }[]; total: number } = { items: [], total: 0 };
    for (let i = 0; i < 100 && list.total < 2; i++) {
      list = (await admin.call('GET', `/admin/unprocessed-messages?flowId=${flowId}`)).body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(list.total).toBe(2);
    expect(list.items.every((m) => m.userId === dave.userId)).toBe(true);
    expect((await admin.call('GET', `/admin/unprocessed-messages?userId=${admin.userId}`)).body.total).toBe(0);

    const [first, second] = list.items;
    const one = await admin.call('GET', `/admin/unprocessed-messages/${first!.id}`);
    expect(one.body.id).toBe(first!.id);
    const edited = await admin.call('PUT', `/admin/unprocessed-messages/${first!.id}`, { message: { ...first!.message, content: { n: 99 } } });
    expect(edited.body.message.content).toEqual({ n: 99 });
    expect((await admin.call('POST', `/admin/unprocessed-messages/${first!.id}/retry`, {})).body).toMatchObject({ retried: true });
    await dave.waitForLogs({ flowId, direction: 'out', componentId: 'code' }, (records) => records.some((r) => JSON.stringify(r.payload) === '{"fixed":99}'));
    expect((await admin.call('DELETE', `/admin/unprocessed-messages/${second!.id}`)).status).toBe(204);
    expect((await admin.call('GET', `/admin/unprocessed-messages/${second!.id}`)).status).toBe(404);
  });
});
