/**
 * App events (issue 16): the host application fires its own events; every running flow of that
 * tenant (or user) whose AppEvent trigger listens for the name starts a run, and no other tenant's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostKey } from '../../src/tenancy/host-keys.ts';
import { http, startTestWeft, type HttpResult, type TestUser, type TestWeft } from '../harness.ts';
import { node } from '../connectors/flow-builder.ts';

type Fired = { id: string; registered: boolean; runs: { flowId: string; correlationId: string }[] };

/** AppEvent(name) → storage Set that keeps the event's data under the flow's own key. */
const listener = (event: string, key: string) => ({
  on: { ...node('weft.utils.app.AppEvent', [], { properties: { event } }) },
  keep: node('weft.utils.storage.Set', ['on.out'], { lambda: { storeId: 'events', key, value: '{{{$.on.out}}}' } }),
});

describe('when the host application reports its own events', () => {
  let weft: TestWeft;
  let key: string;
  let readOnlyKey: string;
  let ann: TestUser;
  let bob: TestUser;
  let carl: TestUser;
  const flows: Record<string, string> = {};
  const host = <T = Fired>(method: string, path: string, body?: unknown, token = key): Promise<HttpResult<T>> =>
    http<T>(`${weft.url}${path}`, { method, token, ...(body === undefined ? {} : { body }) });
  const asUser = async (tenant: string, user: string): Promise<TestUser> => {
    await host('PUT', `/host/tenants/${tenant}`, { name: tenant });
    const upserted = await host<{ id: string }>('PUT', `/host/tenants/${tenant}/users/${user}`, { role: 'editor' });
    const minted = await host<{ token: string }>('POST', `/host/tenants/${tenant}/users/${user}/tokens`);
    return weft.withToken(minted.body.token, upserted.body.id);
  };
  const flowsOf = (fired: HttpResult<Fired>) => fired.body.runs.map((run) => run.flowId).sort();

  beforeAll(async () => {
    weft = await startTestWeft();
    ({ key } = await createHostKey(weft.weft.engine.store, { name: 'CRM', scopes: ['provision', 'events', 'read'] }));
    ({ key: readOnlyKey } = await createHostKey(weft.weft.engine.store, { name: 'Reports', scopes: ['read'] }));
    ann = await asUser('acme', 'ann');
    bob = await asUser('acme', 'bob');
    carl = await asUser('globex', 'carl');
    const make = async (user: TestUser, name: string, event: string) => {
      flows[name] = await user.createFlow(listener(event, name), name);
      await user.startFlow(flows[name]);
    };
    await make(ann, 'ann-won', 'deal.won');
    await make(ann, 'ann-lost', 'deal.lost');
    await make(bob, 'bob-won', 'deal.won');
    await make(carl, 'carl-won', 'deal.won');
    // A stopped flow listening for the name starts nothing.
    flows['ann-stopped'] = await ann.createFlow(listener('deal.won', 'ann-stopped'), 'ann-stopped');
  });
  afterAll(() => weft.close());

  it('starts a run of every running flow of the tenant listening for the name, and of no other tenant', async () => {
    const fired = await host('POST', '/app-events/deal.won', { tenant: 'acme', data: { amount: 1200, deal: 'D-1' } });
    expect(fired.status).toBe(202);
    expect(flowsOf(fired)).toEqual([flows['ann-won'], flows['bob-won']].sort());
    const [kept] = await ann.waitForLogs({ flowId: flows['ann-won']!, componentId: 'keep', direction: 'in' }, (records) => records.length === 1);
    expect(kept!.payload).toMatchObject({ value: { event: 'deal.won', data: { amount: 1200, deal: 'D-1' }, id: fired.body.id } });
    // Globex's flow listens for the same name and ran nothing.
    const globex = await carl.call<{ records: unknown[] }>('GET', `/logs?flowId=${flows['carl-won']}`);
    expect(globex.body.records).toEqual([]);
  });

  it('narrows to one user\'s flows, and the same event id twice starts each run once', async () => {
    const once = await host('POST', '/app-events/deal.won', { tenant: 'acme', user: 'bob', id: 'evt-42', data: { n: 1 } });
    expect(flowsOf(once)).toEqual([flows['bob-won']]);
    const twice = await host('POST', '/app-events/deal.won', { tenant: 'acme', user: 'bob', id: 'evt-42', data: { n: 1 } });
    expect(twice.body.runs).toEqual(once.body.runs);
    await bob.waitForLogs({ correlationId: once.body.runs[0]!.correlationId, componentId: 'keep', direction: 'in' }, (records) => records.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const records = await bob.call<{ records: unknown[] }>('GET', `/logs?correlationId=${once.body.runs[0]!.correlationId}&componentId=keep&direction=in`);
    expect(records.body.records).toHaveLength(1);
  });

  it('flags a name the host never registered in the run\'s log; a registered one is listed for the designer\'s picker', async () => {
    const unregistered = await host('POST', '/app-events/deal.lost', { tenant: 'acme', data: {} });
    expect(unregistered.body).toMatchObject({ registered: false, runs: [{ flowId: flows['ann-lost'] }] });
    const [warning] = await ann.waitForLogs({ flowId: flows['ann-lost']!, componentId: 'on', direction: 'log' }, (records) => records.length === 1);
    expect(warning!.payload).toMatchObject({ level: 'warn', message: expect.stringContaining('has not registered the event "deal.lost"') });

    const schema = { title: 'Deal lost', schema: { type: 'object', properties: { reason: { type: 'string', title: 'Reason' } } } };
    expect((await host<{ name: string }>('PUT', '/app-events/deal.lost/schema', schema)).body).toMatchObject({ name: 'deal.lost', title: 'Deal lost' });
    expect((await host('POST', '/app-events/deal.lost', { tenant: 'acme', data: { reason: 'price' } })).body.registered).toBe(true);
    const listed = await ann.call<{ items: { name: string; schema: unknown }[] }>('GET', '/app-events');
    expect(listed.body.items).toEqual([expect.objectContaining({ name: 'deal.lost', schema: schema.schema })]);
    const options = await ann.call<{ items: { label: string; value: string }[] }>('GET', '/components/weft.utils.app.AppEvent/options/appEvents');
    expect(options.body.items).toEqual([{ label: 'Deal lost (deal.lost)', value: 'deal.lost' }]);
  });

  it('a user token fires for its own flows only', async () => {
    const own = await ann.call<Fired>('POST', '/app-events/deal.won', { data: { via: 'user' } });
    expect(own.status).toBe(202);
    expect(flowsOf(own)).toEqual([flows['ann-won']]);
    const naming = await ann.call<{ error: { path: string } }>('POST', '/app-events/deal.won', { tenant: 'globex' });
    expect(naming.status).toBe(400);
    expect(naming.body.error.path).toBe('body.tenant');
  });

  it('refuses what it must, each with its code and path', async () => {
    expect((await host<{ error: { code: string } }>('POST', '/app-events/deal.won', { tenant: 'acme' }, readOnlyKey)).body.error.code).toBe('host.key_scope');
    expect((await host<{ error: { code: string; path: string } }>('POST', '/app-events/deal.won', { tenant: 'nobody' })).body.error).toMatchObject({ code: 'tenant.not_found', path: 'body.tenant' });
    expect((await host<{ error: { code: string; path: string } }>('POST', '/app-events/deal.won', { data: 1 })).body.error).toMatchObject({ code: 'request.invalid', path: 'body.tenant' });
    expect((await host<{ error: { path: string } }>('POST', '/app-events/bad%20name', { tenant: 'acme' })).body.error.path).toBe('params.name');
    expect((await ann.call('PUT', '/app-events/deal.won/schema', { schema: { type: 'object' } })).status).toBe(403);
    expect((await http(`${weft.url}/app-events/deal.won`, { method: 'POST', body: { tenant: 'acme' } })).status).toBe(401);
    // A flow whose AppEvent names no event cannot be started.
    const unnamed = await ann.createFlow(listener('', 'x'), 'unnamed');
    const refused = await ann.call<{ error: { code: string } }>('POST', `/flows/${unnamed}/start`);
    expect(refused.status).toBe(422);
  });
});
