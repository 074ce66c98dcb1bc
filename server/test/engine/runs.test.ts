import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineComponent } from '@weft/connector-kit';
import { http, startTestWeft, type TestUser, type TestWeft } from '../harness.ts';

/** A component whose failures the test controls through a data store flag. */
let flaky = { failuresLeft: 0, calls: 0 };
const Flaky = defineComponent(
  { name: 'test.engine.fault.Flaky', label: 'Flaky', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
  {
    async receive(context) {
      flaky.calls += 1;
      if (flaky.failuresLeft > 0) {
        flaky.failuresLeft -= 1;
        throw new Error('the service is down');
      }
      await context.sendJson({ fixed: context.messages.in?.content }, 'out');
    },
  },
);
const Broken = defineComponent(
  { name: 'test.engine.fault.Broken', label: 'Broken', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
  {
    async receive(context) {
      throw new context.CancelError('this input can never work');
    },
  },
);

const lambda = (values: Record<string, unknown>) => ({ type: 'json2new', lambda: values });

/** webhook → Condition → (true) Set → Response, (false) Response 400 */
const greeterFlow = {
  hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
  adult: {
    type: 'weft.utils.controls.Condition', x: 200, y: 0, source: { in: { hook: ['out'] } },
    config: { transform: { in: { hook: { out: lambda({ expression: { AND: [{ OR: [{ field: '{{{$.hook.out.body.age}}}', operator: '>=', value: 18 }] }] } }) } } } },
  },
  greet: {
    type: 'weft.utils.transform.Set', x: 400, y: 0, source: { in: { adult: ['true'] } },
    config: { transform: { in: { adult: { true: lambda({ values: { greeting: 'Hello {{{$.hook.out.body.name | trim | upper}}}', age: '{{{$.hook.out.body.age}}}' } }) } } } },
  },
  ok: {
    type: 'weft.utils.http.Response', x: 600, y: 0, source: { in: { greet: ['out'] } },
    config: { transform: { in: { greet: { out: lambda({ status: 200, body: '{{{$.greet.out}}}' }) } } } },
  },
  refuse: {
    type: 'weft.utils.http.Response', x: 400, y: 200, source: { in: { adult: ['false'] } },
    config: { transform: { in: { adult: { false: lambda({ status: 403, body: { error: 'too young', name: '{{{$.hook.out.body.name}}}' } }) } } } },
  },
};

describe('running flows', () => {
  let weft: TestWeft;
  let user: TestUser;
  beforeAll(async () => {
    weft = await startTestWeft({ components: [Flaky, Broken], env: { WEFT_CORS_ORIGINS: 'https://host.example' } });
    user = await weft.signup();
  });
  afterAll(() => weft.close());

  describe('when a webhook flow with a condition runs', () => {
    it('answers through the branch the condition chose, with mapped values keeping their types', async () => {
      const flowId = await user.createFlow(greeterFlow);
      await user.startFlow(flowId);
      const url = `${weft.url}/flows/${flowId}/components/hook`;
      const yes = await http(url, { body: { name: '  ada ', age: 36 } });
      expect(yes.status).toBe(200);
      expect(yes.body).toEqual({ greeting: 'Hello ADA', age: 36 });
      const correlationId = yes.headers.get('x-weft-correlation-id')!;
      const no = await http(url, { body: { name: 'tim', age: 12 } });
      expect(no.status).toBe(403);
      expect(no.body).toEqual({ error: 'too young', name: 'tim' });

      const records = await user.waitForLogs({ correlationId, order: 'asc' }, (r) => r.filter((x) => x.direction === 'in').length >= 4);
      expect(records.every((r) => r.correlationId === correlationId)).toBe(true);
      const received = records.filter((r) => r.direction === 'in');
      // Oldest first; steps that ran within the same millisecond may come in either order.
      expect(received.map((r) => r.componentId).sort()).toEqual(['adult', 'greet', 'hook', 'ok']);
      expect(received.map((r) => r.time)).toEqual([...received.map((r) => r.time)].sort((x, y) => x - y));
      expect(received[0]!.componentId).toBe('hook');
    });

    it('takes the false branch for a message that lacks the field the condition orders', async () => {
      const flowId = await user.createFlow(greeterFlow);
      await user.startFlow(flowId);
      const result = await http(`${weft.url}/flows/${flowId}/components/hook`, { body: { name: 'nobody' } });
      expect(result.status).toBe(403);
      expect(result.body).toEqual({ error: 'too young', name: 'nobody' });
    });

    it('refuses a body sent as JSON that is not JSON, before anything is stored', async () => {
      const flowId = await user.createFlow(greeterFlow);
      await user.startFlow(flowId);
      const url = `${weft.url}/flows/${flowId}/components/hook`;
      const bad = await http<{ error: { code: string; message: string; path: string } }>(url, { raw: '{bad', headers: { 'content-type': 'application/json' } });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'request.malformed_json', path: 'body' });
      expect(bad.body.error.message).toContain('not valid JSON');
      // The same text sent as text is the flow's to read: it runs (and finds no age).
      const text = await http(url, { raw: '{bad', headers: { 'content-type': 'text/plain' } });
      expect(text.status).toBe(403);
      const records = await user.waitForLogs({ flowId, componentId: 'hook' }, (r) => r.length >= 1);
      expect(records.filter((r) => r.direction === 'in')).toHaveLength(1);
    });

    it('finds the run in the logs by full-text search', async () => {
      const flowId = await user.createFlow(greeterFlow);
      await user.startFlow(flowId);
      await http(`${weft.url}/flows/${flowId}/components/hook`, { body: { name: 'Zebedee', age: 40 } });
      const found = await user.waitForLogs({ q: 'Zebedee', flowId }, (r) => r.length > 0);
      expect(found[0]!.flowId).toBe(flowId);
    });
  });

  describe('when the webhook is set not to wait', () => {
    it('answers 202 with the correlation id once the message is stored', async () => {
      const flowId = await user.createFlow({
        hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0, config: { properties: { waitForResponse: false } } },
        set: { type: 'weft.utils.transform.Set', x: 1, y: 0, source: { in: { hook: ['out'] } } },
      });
      await user.startFlow(flowId);
      const result = await http<{ correlationId: string }>(`${weft.url}/flows/${flowId}/components/hook`, { body: { a: 1 } });
      expect(result.status).toBe(202);
      await user.waitForLogs({ correlationId: result.body.correlationId }, (r) => r.some((x) => x.componentId === 'set' && x.direction === 'out'));
    });
  });

  describe('when no Response answers in time', () => {
    it('answers 504 with a JSON error naming the correlation id', async () => {
      // The run is still going (a durable Wait) when the timeout comes; one that had ended would answer 204.
      const flowId = await user.createFlow({
        hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0, config: { properties: { timeoutMs: 300 } } },
        wait: { type: 'weft.utils.timers.Wait', x: 1, y: 0, source: { in: { hook: ['out'] } }, config: { transform: { in: { hook: { out: lambda({ delayMs: 5000 }) } } } } },
        reply: { type: 'weft.utils.http.Response', x: 2, y: 0, source: { in: { wait: ['out'] } } },
      });
      await user.startFlow(flowId);
      const result = await http<{ error: { code: string; message: string } }>(`${weft.url}/flows/${flowId}/components/hook`, { body: {} });
      expect(result.status).toBe(504);
      expect(result.body.error.code).toBe('webhook.timeout');
      expect(result.body.error.message).toContain(result.headers.get('x-weft-correlation-id')!);
    });
  });

  describe('when the flow is stopped', () => {
    it('refuses webhook calls with a clear error', async () => {
      const flowId = await user.createFlow(greeterFlow);
      const result = await http(`${weft.url}/flows/${flowId}/components/hook`, { body: {} });
      expect(result.status).toBe(409);
      expect(result.body).toMatchObject({ error: { code: 'flow.not_running' } });
    });
  });

  describe('when a component throws', () => {
    const flakyFlow = {
      hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0, config: { properties: { waitForResponse: false } } },
      flaky: { type: 'test.engine.fault.Flaky', x: 1, y: 0, source: { in: { hook: ['out'] } } },
    };

    it('retries with backoff, then parks the message as unprocessed; a retry after the fix completes the run', async () => {
      flaky = { failuresLeft: 100, calls: 0 };
      const flowId = await user.createFlow(flakyFlow);
      await user.startFlow(flowId);
      const { body } = await http<{ correlationId: string }>(`${weft.url}/flows/${flowId}/components/hook`, { body: { order: 7 } });
      const records = await user.waitForLogs({ correlationId: body.correlationId, direction: 'error' }, (r) => r.some((x) => x.severity === 'error'));
      // The harness allows 3 attempts: two warnings that will retry, then one final error.
      expect(flaky.calls).toBe(3);
      expect(records.filter((r) => r.severity === 'warn')).toHaveLength(2);
      const parked = await user.call('GET', `/unprocessed-messages?flowId=${flowId}`);
      expect(parked.body.total).toBe(1);
      const item = parked.body.items[0];
      expect(item).toMatchObject({ componentId: 'flaky', attempts: 3, error: { message: 'the service is down' } });

      flaky.failuresLeft = 0;
      const retried = await user.call('POST', `/unprocessed-messages/${item.id}/retry`, { content: { order: 8 } });
      expect(retried.status).toBe(200);
      const done = await user.waitForLogs({ correlationId: body.correlationId, direction: 'out', componentId: 'flaky' }, (r) => r.length > 0);
      expect(done[0]!.payload).toEqual({ fixed: { order: 8 } });
      expect((await user.call('GET', `/unprocessed-messages?flowId=${flowId}`)).body.total).toBe(0);
    });

    it('parks a retried message that fails again as a new unprocessed message, with its own error log', async () => {
      flaky = { failuresLeft: 100, calls: 0 };
      const flowId = await user.createFlow(flakyFlow);
      await user.startFlow(flowId);
      const { body } = await http<{ correlationId: string }>(`${weft.url}/flows/${flowId}/components/hook`, { body: { order: 9 } });
      await user.waitForLogs({ correlationId: body.correlationId, severity: 'error' }, (r) => r.length === 1);
      const first = (await user.call('GET', `/unprocessed-messages?flowId=${flowId}`)).body.items[0];
      expect((await user.call('POST', `/unprocessed-messages/${first.id}/retry`, {})).status).toBe(200);
      const errors = await user.waitForLogs({ correlationId: body.correlationId, severity: 'error' }, (r) => r.length === 2);
      expect(errors).toHaveLength(2);
      for (let i = 0; i < 50; i++) {
        const parked = await user.call('GET', `/unprocessed-messages?flowId=${flowId}`);
        if (parked.body.total === 1 && parked.body.items[0].id !== first.id) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const parked = await user.call('GET', `/unprocessed-messages?flowId=${flowId}`);
      expect(parked.body.total).toBe(1);
      expect(parked.body.items[0].id).not.toBe(first.id);
      expect(flaky.calls).toBe(6);
    });

    it('does not retry a CancelError, and reports it to the error flow', async () => {
      const errorFlowId = await user.createFlow({
        onError: { type: 'weft.utils.controls.ErrorTrigger', x: 0, y: 0 },
      }, 'Error handler');
      const flowId = await user.createFlow({
        hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
        broken: { type: 'test.engine.fault.Broken', x: 1, y: 0, source: { in: { hook: ['out'] } } },
      });
      const hasErrorTrigger = (await user.call('GET', '/components/weft.utils.controls.ErrorTrigger')).status === 200;
      if (hasErrorTrigger) {
        await user.startFlow(errorFlowId);
        expect((await user.call('PUT', `/flows/${flowId}`, { version: 1, errorFlowId })).status).toBe(200);
      }
      await user.startFlow(flowId);
      const result = await http(`${weft.url}/flows/${flowId}/components/hook`, { body: { x: 1 } });
      // The held request learns at once that its run failed for good.
      expect(result.status).toBe(500);
      expect(result.body).toMatchObject({ error: { code: 'flow.failed' } });
      const parked = await user.call('GET', `/unprocessed-messages?flowId=${flowId}`);
      expect(parked.body.items[0]).toMatchObject({ attempts: 1, error: { code: 'component.cancelled' } });
      if (hasErrorTrigger) {
        const reports = await user.waitForLogs({ flowId: errorFlowId, direction: 'out' }, (r) => r.length > 0);
        expect(reports[0]!.payload).toMatchObject({ flowId, componentId: 'broken', error: { code: 'component.cancelled' } });
      }
    });
  });

  describe('when a mapping uses an unknown modifier', () => {
    it('is reported by validation before the flow can start', async () => {
      const flowId = await user.createFlow({
        hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
        set: {
          type: 'weft.utils.transform.Set', x: 1, y: 0, source: { in: { hook: ['out'] } },
          config: { transform: { in: { hook: { out: lambda({ values: { a: '{{{$.hook.out.body | nonsense}}}' } }) } } } },
        },
      });
      const report = await user.call('GET', `/flows/${flowId}/validate`);
      expect(report.body.problems.map((p: { code: string }) => p.code)).toContain('modifier.unknown');
    });
  });

  describe('a designer test run', () => {
    it('runs a stopped flow from its trigger and logs every step', async () => {
      const flowId = await user.createFlow(greeterFlow);
      const test = await user.call('POST', `/flows/${flowId}/test`, { componentId: 'hook', data: { body: { name: 'eve', age: 50 } } });
      expect(test.status).toBe(202);
      const records = await user.waitForLogs({ correlationId: test.body.correlationId, order: 'asc' }, (r) => r.some((x) => x.componentId === 'greet' && x.direction === 'out'));
      expect(records.find((r) => r.componentId === 'greet' && r.direction === 'out')!.payload).toEqual({ greeting: 'Hello EVE', age: 50 });
    });
  });

  describe('logs', () => {
    it('returns a histogram and keeps one tenant out of another one\'s records', async () => {
      const other = await weft.signup();
      const flowId = await user.createFlow(greeterFlow);
      await user.startFlow(flowId);
      await http(`${weft.url}/flows/${flowId}/components/hook`, { body: { name: 'h', age: 20 } });
      await user.waitForLogs({ flowId }, (r) => r.length >= 4);
      const histogram = await user.call('GET', `/logs?flowId=${flowId}&histogram=1m`);
      expect(histogram.body.intervalMs).toBe(60_000);
      expect(histogram.body.buckets.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBeGreaterThanOrEqual(4);
      expect((await other.call('GET', `/logs?flowId=${flowId}`)).body.records).toEqual([]);
      const bad = await user.call('GET', '/logs?histogram=soon');
      expect(bad.status).toBe(400);
      expect(bad.body.error.path).toBe('query.histogram');
    });
  });

  describe('CORS', () => {
    it('answers a preflight from an allowed origin without cookies', async () => {
      const response = await fetch(`${weft.url}/flows`, { method: 'OPTIONS', headers: { origin: 'https://host.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('https://host.example');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    });
  });
});
