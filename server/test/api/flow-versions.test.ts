import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, startTestWeft, type TestUser, type TestWeft } from '../harness.ts';

/** A webhook answered by a Response whose body says `word`: the answer tells which version ran. */
const greeter = (word: string) => ({
  hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
  reply: {
    type: 'weft.utils.http.Response', x: 200, y: 0,
    source: { in: { hook: ['out'] } },
    config: { transform: { in: { hook: { out: { type: 'json2new', lambda: { status: 200, body: { [word]: '{{{$.hook.out.query.name}}}' } } } } } } },
  },
});

describe('drafts and versions of a flow', () => {
  let weft: TestWeft;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    weft = await startTestWeft();
    alice = await weft.signup();
    bob = await weft.signup();
  });
  afterAll(() => weft.close());

  const call = (flowId: string) => http(`${weft.url}/flows/${flowId}/components/hook?name=ada`);
  const read = async (flowId: string) => (await alice.call('GET', `/flows/${flowId}`)).body as { version: number; publishedVersion?: number; hasUnpublishedChanges: boolean; stage: string };

  it('keeps a running flow on its published version while the draft is edited, until Publish; restore + publish brings the old one back', async () => {
    const flowId = await alice.createFlow(greeter('hello'), 'Greeter');
    expect(await read(flowId)).toMatchObject({ version: 1, hasUnpublishedChanges: true });
    expect((await read(flowId)).publishedVersion).toBeUndefined();

    // Start publishes the draft as v1 first (the one-button journey).
    await alice.startFlow(flowId);
    const started = await read(flowId);
    expect(started).toMatchObject({ stage: 'running', publishedVersion: 1, hasUnpublishedChanges: false });
    expect(await call(flowId)).toMatchObject({ status: 200, body: { hello: 'ada' } });

    // Editing the draft changes nothing that runs.
    const saved = await alice.call('PUT', `/flows/${flowId}`, { version: started.version, flow: greeter('bonjour') });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ publishedVersion: 1, hasUnpublishedChanges: true });
    expect(await call(flowId)).toMatchObject({ status: 200, body: { hello: 'ada' } });

    // Publishing a stale draft version is refused, and nothing is published.
    const stale = await alice.call('POST', `/flows/${flowId}/publish`, { version: started.version });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: 'flow.conflict', path: 'body.version' }, current: { version: saved.body.version, publishedVersion: 1 } });

    const published = await alice.call('POST', `/flows/${flowId}/publish`, { version: saved.body.version });
    expect(published.status).toBe(200);
    // The draft version does not move: the designer's next PUT still works.
    expect(published.body).toMatchObject({ version: saved.body.version, publishedVersion: 2, hasUnpublishedChanges: false, stage: 'running' });
    expect(await call(flowId)).toMatchObject({ status: 200, body: { bonjour: 'ada' } });

    // Publishing an unchanged draft makes no new version.
    expect((await alice.call('POST', `/flows/${flowId}/publish`, { version: saved.body.version })).body.publishedVersion).toBe(2);

    const versions = await alice.call('GET', `/flows/${flowId}/versions`);
    expect(versions.status).toBe(200);
    expect(versions.body.items).toEqual([
      expect.objectContaining({ version: 2, name: 'Greeter', publishedBy: alice.email, componentCount: 2, draftVersion: saved.body.version }),
      expect.objectContaining({ version: 1, publishedBy: alice.email, draftVersion: 1 }),
    ]);
    const v1 = await alice.call('GET', `/flows/${flowId}/versions/1`);
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ version: 1, flow: greeter('hello') });

    // Restore: into the draft only, as a new draft version; a stale draft version is refused.
    expect((await alice.call('POST', `/flows/${flowId}/versions/1/restore`, { version: started.version })).status).toBe(409);
    const restored = await alice.call('POST', `/flows/${flowId}/versions/1/restore`, { version: saved.body.version });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ version: saved.body.version + 1, publishedVersion: 2, hasUnpublishedChanges: true, flow: greeter('hello') });
    expect(await call(flowId)).toMatchObject({ status: 200, body: { bonjour: 'ada' } });

    const republished = await alice.call('POST', `/flows/${flowId}/publish`, { version: restored.body.version });
    expect(republished.body).toMatchObject({ publishedVersion: 3, hasUnpublishedChanges: false });
    expect(await call(flowId)).toMatchObject({ status: 200, body: { hello: 'ada' } });
  });

  it('test-runs the draft while real calls run the published version', async () => {
    const flowId = await alice.createFlow(greeter('hello'), 'Draft tester');
    await alice.startFlow(flowId);
    const { version } = await read(flowId);
    await alice.call('PUT', `/flows/${flowId}`, { version, flow: greeter('draftword') });
    const test = await alice.call('POST', `/flows/${flowId}/test`, { componentId: 'hook', port: 'out', data: { query: { name: 'tess' } } });
    expect(test.status).toBe(202);
    const records = await alice.waitForLogs({ flowId, correlationId: test.body.correlationId }, (found) => found.some((r) => r.componentId === 'reply' && r.direction === 'in'));
    const replyInput = JSON.stringify(records.filter((r) => r.componentId === 'reply' && r.direction === 'in').map((r) => r.payload));
    expect(replyInput).toContain('draftword');
    expect(replyInput).not.toContain('hello');
    expect(await call(flowId)).toMatchObject({ status: 200, body: { hello: 'ada' } });
  });

  it('refuses to publish a draft with problems, with the same 422 as start', async () => {
    const flowId = await alice.createFlow({ hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 }, reply: { type: 'weft.utils.http.Response', x: 0, y: 0, source: { in: { missing: ['out'] } } } });
    const published = await alice.call('POST', `/flows/${flowId}/publish`, { version: 1 });
    expect(published.status).toBe(422);
    expect(published.body.error.code).toBe('flow.invalid');
    expect(published.body.error.details.length).toBeGreaterThan(0);
    expect((await alice.call('GET', `/flows/${flowId}/versions`)).body.items).toEqual([]);
  });

  it('answers an unknown version with flow.version_not_found', async () => {
    const flowId = await alice.createFlow(greeter('hello'));
    for (const path of [`/flows/${flowId}/versions/1`, `/flows/${flowId}/versions/zero`]) {
      const missing = await alice.call('GET', path);
      expect(missing.status).toBe(404);
      expect(missing.body.error).toMatchObject({ code: 'flow.version_not_found', path: 'params.version' });
    }
    expect((await alice.call('POST', `/flows/${flowId}/versions/7/restore`, { version: 1 })).status).toBe(404);
  });

  it('clones the draft only, as an unpublished flow', async () => {
    const flowId = await alice.createFlow(greeter('hello'));
    await alice.startFlow(flowId);
    const clone = await alice.call('POST', `/flows/${flowId}/clone`, {});
    const copy = await alice.call('GET', `/flows/${clone.body.flowId}`);
    expect(copy.body).toMatchObject({ stage: 'stopped', hasUnpublishedChanges: true });
    expect(copy.body.publishedVersion).toBeUndefined();
    expect((await alice.call('GET', `/flows/${clone.body.flowId}/versions`)).body.items).toEqual([]);
  });

  it("keeps another user's versions from them (404)", async () => {
    const flowId = await alice.createFlow(greeter('hello'), 'Private');
    await alice.startFlow(flowId);
    expect((await bob.call('GET', `/flows/${flowId}/versions`)).status).toBe(404);
    expect((await bob.call('GET', `/flows/${flowId}/versions/1`)).status).toBe(404);
    expect((await bob.call('POST', `/flows/${flowId}/versions/1/restore`, { version: 2 })).status).toBe(404);
    expect((await bob.call('POST', `/flows/${flowId}/publish`, { version: 2 })).status).toBe(404);
    expect((await alice.call('GET', `/flows/${flowId}/versions`)).body.items).toHaveLength(1);
  });

  it('lists the new routes in /openapi.json', async () => {
    const doc = await http<{ paths: Record<string, unknown> }>(`${weft.url}/openapi.json`);
    for (const path of ['/flows/{id}/publish', '/flows/{id}/versions', '/flows/{id}/versions/{version}', '/flows/{id}/versions/{version}/restore']) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
  });
});
