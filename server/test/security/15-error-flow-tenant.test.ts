/**
 * Issue 11, item 15: `POST /flows` and clone took another user's flow as `errorFlowId`, which `PUT`
 * already refused. An error flow must be one of the user's own flows everywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';

const errorFlow = { onError: { type: 'weft.utils.controls.ErrorTrigger' } };

describe('when a user names another user\'s flow as the error flow', () => {
  let weft: TestWeft;
  let alice: TestUser;
  let mallory: TestUser;
  let alicesErrorFlow: string;
  beforeAll(async () => {
    weft = await startTestWeft();
    alice = await weft.signup();
    mallory = await weft.signup();
    alicesErrorFlow = await alice.createFlow(errorFlow, 'Alice handles errors');
  });
  afterAll(() => weft.close());

  it('create refuses it with 404 at body.errorFlowId, as update does, and stores nothing', async () => {
    const created = await mallory.call('POST', '/flows', { name: 'Borrowing', flow: {}, errorFlowId: alicesErrorFlow });
    expect(created.status).toBe(404);
    expect(created.body.error).toMatchObject({ code: 'flow.not_found', path: 'body.errorFlowId' });
    expect((await mallory.call('GET', '/flows')).body.total).toBe(0);

    const own = await mallory.createFlow({}, 'Own');
    const updated = await mallory.call('PUT', `/flows/${own}`, { version: 1, errorFlowId: alicesErrorFlow });
    expect(updated.status).toBe(404);
    expect(updated.body.error).toMatchObject({ code: 'flow.not_found', path: 'body.errorFlowId' });
  });

  it('create refuses an error flow that does not exist', async () => {
    const created = await mallory.call('POST', '/flows', { name: 'Dangling', flow: {}, errorFlowId: 'no-such-flow' });
    expect(created.status).toBe(404);
    expect(created.body.error.code).toBe('flow.not_found');
  });

  it('create accepts the user\'s own error flow', async () => {
    const created = await alice.call('POST', '/flows', { name: 'Guarded', flow: {}, errorFlowId: alicesErrorFlow });
    expect(created.status).toBe(201);
    expect((await alice.call('GET', `/flows/${created.body.flowId}`)).body.errorFlowId).toBe(alicesErrorFlow);
  });

  it('clone does not carry over another user\'s error flow saved before create checked it', async () => {
    // A record as the unchecked create left it: Mallory's flow pointing at Alice's error flow.
    const own = await mallory.createFlow({}, 'Saved earlier');
    const record = await weft.weft.engine.store.getFlow(own, mallory.userId);
    await weft.weft.engine.store.updateFlow(own, mallory.userId, { errorFlowId: alicesErrorFlow }, record!.version);
    expect((await mallory.call('GET', `/flows/${own}`)).body.errorFlowId).toBe(alicesErrorFlow);

    const clone = await mallory.call('POST', `/flows/${own}/clone`, {});
    expect(clone.status).toBe(201);
    const copy = await mallory.call('GET', `/flows/${clone.body.flowId}`);
    expect(copy.body.errorFlowId).toBeUndefined();
  });

  it('clone keeps the user\'s own error flow', async () => {
    const guarded = await alice.call('POST', '/flows', { name: 'Guarded twice', flow: {}, errorFlowId: alicesErrorFlow });
    const clone = await alice.call('POST', `/flows/${guarded.body.flowId}/clone`, {});
    expect((await alice.call('GET', `/flows/${clone.body.flowId}`)).body.errorFlowId).toBe(alicesErrorFlow);
  });
});
