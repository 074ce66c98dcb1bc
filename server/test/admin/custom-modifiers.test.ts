import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';
import { callWebhook, node, reply, WEBHOOK } from '../connectors/flow-builder.ts';

const SET = 'weft.utils.transform.Set';
const ADMIN = 'root@example.com';

/** Webhook → Set (`y` mapped through `chain`) → Response answering the Set's output. */
function chainFlow(chain: string) {
  return {
    hook: node(WEBHOOK),
    set: node(SET, ['hook.out'], { lambda: { values: { y: `{{{$.hook.out.body.x | ${chain}}}}` } } }),
    answer: reply('set.out', '{{{$.set.out}}}'),
  };
}

const multiply = {
  name: 'multiplyBy',
  label: 'Multiply by',
  description: 'Multiplies a number by a factor.',
  args: [{ name: 'factor', type: 'number', description: 'The factor' }],
  source: 'function run(value, factor) {\n  console.log("multiplying", value);\n  return Number(value) * factor;\n}',
};

describe('custom modifiers', () => {
  let weft: TestWeft;
  let admin: TestUser;
  let user: TestUser;
  beforeAll(async () => {
    weft = await startTestWeft();
    admin = await weft.operator(ADMIN);
    user = await weft.signup();
  });
  afterAll(() => weft.close());

  describe('when an admin writes one', () => {
    it('saves version 1, lists it beside the built-ins and runs it in a test', async () => {
      const created = await admin.call('POST', '/modifiers', multiply);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'multiplyBy', version: 1, category: 'custom', custom: true, updatedBy: admin.userId });

      const list = await user.call('GET', '/modifiers');
      expect(list.status).toBe(200);
      const names = list.body.items.map((m: { name: string; custom: boolean }) => `${m.name}:${m.custom}`);
      expect(names).toEqual(expect.arrayContaining(['upper:false', 'multiplyBy:true']));
      expect(list.body.items.find((m: { name: string }) => m.name === 'multiplyBy')).toMatchObject({ version: 1, args: multiply.args });

      const byName = await user.call('POST', '/modifiers/test', { name: 'multiplyBy', value: 21, args: [2] });
      expect(byName.body).toMatchObject({ ok: true, value: 42, logs: ['multiplying 21'] });
      const bySource = await user.call('POST', '/modifiers/test', { source: 'function shout(v) { console.warn("loud"); console.error("louder"); return v + "!" }', entry: 'shout', value: 'hey' });
      expect(bySource.body).toEqual({ ok: true, value: 'hey!', durationMs: expect.any(Number), logs: ['loud', 'louder'] });
      const thrown = await user.call('POST', '/modifiers/test', { source: 'function run(v) {\n  throw new Error("no " + v)\n}', value: 'way' });
      expect(thrown.body).toMatchObject({ ok: false, error: { code: 'SANDBOX_THROWN', message: expect.stringContaining('no way'), line: 2 } });
    });

    it('refuses a source that does not compile, with the line and column', async () => {
      const broken = await admin.call('POST', '/modifiers', { ...multiply, name: 'broken', source: 'function run(v) {\n  return v +;\n}' });
      expect(broken.status).toBe(400);
      expect(broken.body.error).toMatchObject({ code: 'modifier.syntax', path: 'body.source', details: { line: 2 } });
      expect(typeof broken.body.error.details.column).toBe('number');
      expect((await admin.call('GET', '/modifiers/broken')).status).toBe(404);
    });

    it('refuses a name taken by a built-in or another custom modifier', async () => {
      const shadow = await admin.call('POST', '/modifiers', { ...multiply, name: 'upper' });
      expect(shadow.status).toBe(409);
      expect(shadow.body.error.code).toBe('modifier.exists');
      const twice = await admin.call('POST', '/modifiers', multiply);
      expect(twice.body.error.code).toBe('modifier.exists');
    });

    it('keeps every version and refuses a stale edit with 409 and the current one', async () => {
      await admin.call('POST', '/modifiers', { ...multiply, name: 'addOne', args: [], source: 'function run(v) { return v + 1 }' });
      const edited = await admin.call('PUT', '/modifiers/addOne', { version: 1, source: 'function run(v) { return v + 100 }' });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ version: 2, label: 'Multiply by' });
      const stale = await admin.call('PUT', '/modifiers/addOne', { version: 1, label: 'Lost' });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ error: { code: 'modifier.conflict' }, current: { version: 2 } });
      const versions = await user.call('GET', '/modifiers/addOne/versions');
      expect(versions.body.items.map((v: { version: number; source: string }) => [v.version, v.source])).toEqual([
        [1, 'function run(v) { return v + 1 }'],
        [2, 'function run(v) { return v + 100 }'],
      ]);
      expect((await admin.call('DELETE', '/modifiers/addOne')).status).toBe(204);
      expect((await user.call('GET', '/modifiers/addOne')).status).toBe(404);
      expect((await user.call('POST', '/modifiers/test', { name: 'addOne', value: 1 })).status).toBe(404);
    });
  });

  describe('when someone who is not an admin tries to write one', () => {
    it('answers 403 auth.forbidden', async () => {
      for (const [method, path, body] of [
        ['POST', '/modifiers', { ...multiply, name: 'mine' }],
        ['PUT', '/modifiers/multiplyBy', { version: 1, label: 'x' }],
        ['DELETE', '/modifiers/multiplyBy', undefined],
      ] as const) {
        const result = await user.call(method, path, body);
        expect(result.status).toBe(403);
        expect(result.body.error.code).toBe('auth.forbidden');
      }
    });
  });

  describe('when a flow uses a custom modifier in a variable chain', () => {
    it('applies it to the webhook data, and a new version at once', async () => {
      await admin.call('POST', '/modifiers', { ...multiply, name: 'myModifier' });
      const flowId = await user.createFlow(chainFlow('myModifier(2)'));
      await user.startFlow(flowId);
      expect((await callWebhook(weft, flowId, { x: 21 })).body).toEqual({ y: 42 });

      const current = await admin.call('GET', '/modifiers/myModifier');
      await admin.call('PUT', '/modifiers/myModifier', { version: current.body.version, source: 'function run(v, f) { return v * f + 1 }' });
      expect((await callWebhook(weft, flowId, { x: 21 })).body).toEqual({ y: 43 });
    });

    it('fails the message of a hostile modifier with SANDBOX_TIMEOUT while another flow keeps answering', async () => {
      const settings = await admin.call('GET', '/admin/settings');
      await admin.call('PUT', '/admin/settings', { ...settings.body, sandbox: { ...settings.body.sandbox, timeoutMs: 100 } });
      await admin.call('POST', '/modifiers', { ...multiply, name: 'spin', args: [], source: 'function run(v) { for (;;) {} }' });
      const hostile = await user.createFlow(chainFlow('spin'), 'Hostile');
      const healthy = await user.createFlow(chainFlow('multiplyBy(3)'), 'Healthy');
      await user.startFlow(hostile);
      await user.startFlow(healthy);

      const failing = callWebhook(weft, hostile, { x: 1 });
      const answers = await Promise.all([1, 2, 3, 4, 5].map((x) => callWebhook(weft, healthy, { x })));
      expect(answers.map((a) => a.body)).toEqual([3, 6, 9, 12, 15].map((y) => ({ y })));
      const failed = await failing;
      expect(failed.status).toBe(500);
      expect(failed.body.error).toMatchObject({ code: 'flow.failed', correlationId: failed.headers.get('x-weft-correlation-id') });

      const errors = await user.waitForLogs({ flowId: hostile, direction: 'error' }, (records) => records.length > 0);
      expect(errors[0]?.error?.message).toContain('SANDBOX_TIMEOUT');
      const parked = await user.call('GET', `/unprocessed-messages?flowId=${hostile}`);
      expect(parked.body.total).toBe(1);
      await admin.call('PUT', '/admin/settings', settings.body);
    });
  });
});
