import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, startTestWeft, type TestWeft } from '../harness.ts';

const flow = {
  hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
  set: {
    type: 'weft.utils.transform.Set', x: 1, y: 0, source: { in: { hook: ['out'] } },
    config: { transform: { in: { hook: { out: { type: 'json2new', lambda: { values: { echo: '{{{$.hook.out.body.word | upper}}}' } } } } } } },
  },
  reply: {
    type: 'weft.utils.http.Response', x: 2, y: 0, source: { in: { set: ['out'] } },
    config: { transform: { in: { set: { out: { type: 'json2new', lambda: { body: '{{{$.set.out}}}' } } } } } },
  },
};

describe('when the roles run in separate engines sharing one store and bus', () => {
  let api: TestWeft;
  let workers: TestWeft;
  beforeAll(async () => {
    api = await startTestWeft({ roles: ['api'], env: { WEFT_LOG_SHIPPING: 'bus' } });
    workers = await startTestWeft({ roles: ['worker', 'scheduler', 'indexer'], dataDir: api.dataDir, env: { WEFT_LOG_SHIPPING: 'bus', WEFT_RELOAD_POLL_MS: '200' } });
  });
  afterAll(async () => {
    await workers.close();
    await api.close();
  });

  it('answers a held webhook from the worker through the reply queue, and ships logs to the indexer', async () => {
    const user = await api.signup();
    const flowId = await user.createFlow(flow);
    await user.startFlow(flowId);
    const answer = await http(`${api.url}/flows/${flowId}/components/hook`, { body: { word: 'split' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ echo: 'SPLIT' });
    const correlationId = answer.headers.get('x-weft-correlation-id')!;
    const records = await user.waitForLogs({ correlationId }, (r) => r.filter((x) => x.direction === 'in').length === 3);
    expect(new Set(records.map((r) => r.componentId))).toEqual(new Set(['hook', 'set', 'reply']));
  });

  it('answers 204 when the worker ends the run without a Response, through the reply queue', { timeout: 10_000 }, async () => {
    const user = await api.signup();
    const { reply: _reply, ...noResponse } = flow;
    const flowId = await user.createFlow({ ...noResponse, hook: { ...flow.hook, config: { properties: { timeoutMs: 25_000 } } } });
    await user.startFlow(flowId);
    const answer = await http(`${api.url}/flows/${flowId}/components/hook`, { body: { word: 'quiet' } });
    expect(answer.status).toBe(204);
  });

  it('records the run in the history, and a cancel made through the API drops the timer the scheduler process holds', { timeout: 15_000 }, async () => {
    const user = await api.signup();
    const flowId = await user.createFlow({
      hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0, config: { properties: { waitForResponse: false } } },
      wait: { type: 'weft.utils.timers.Wait', x: 1, y: 0, source: { in: { hook: ['out'] } }, config: { transform: { in: { hook: { out: { type: 'json2new', lambda: { delayMs: 1500 } } } } } } },
      set: { type: 'weft.utils.transform.Set', x: 2, y: 0, source: { in: { wait: ['out'] } }, config: { transform: { in: { wait: { out: { type: 'json2new', lambda: { values: { late: true } } } } } } } },
    });
    await user.startFlow(flowId);
    const answer = await http<{ correlationId: string }>(`${api.url}/flows/${flowId}/components/hook`, { body: {} });
    const { correlationId } = answer.body;
    for (let i = 0; ; i++) {
      const run = await user.call<{ status: string }>('GET', `/runs/${correlationId}`);
      if (run.status === 200 && run.body.status === 'waiting') break;
      expect(i).toBeLessThan(100);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await user.call('POST', `/runs/${correlationId}/cancel`, {})).status).toBe(200);
    // Past the timer's due time and a few polls of the scheduler process.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const records = await user.waitForLogs({ correlationId }, (r) => r.some((x) => x.port === 'cancel'));
    expect(records.filter((r) => r.componentId === 'set')).toEqual([]);
    expect((await user.call<{ status: string }>('GET', `/runs/${correlationId}`)).body.status).toBe('cancelled');
  });

  it('streams records written by another process to a live tail', async () => {
    const user = await api.signup();
    const flowId = await user.createFlow(flow);
    await user.startFlow(flowId);
    const controller = new AbortController();
    const response = await fetch(`${api.url}/logs/stream?flowId=${flowId}`, { headers: { authorization: `Bearer ${user.token}` }, signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    await http(`${api.url}/flows/${flowId}/components/hook`, { body: { word: 'live' } });
    let text = '';
    const deadline = Date.now() + 10_000;
    while (!text.includes('"componentId":"reply"') && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text).toContain('event: log');
    expect(text).toContain('"componentId":"reply"');
    expect(text).not.toContain('"userId"');
  });

  it('fires each timer once when two schedulers share the store', async () => {
    const second = await startTestWeft({ roles: ['scheduler'], dataDir: api.dataDir });
    try {
      const user = await api.signup();
      const flowId = await user.createFlow({
        hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0, config: { properties: { waitForResponse: false } } },
        wait: {
          type: 'weft.utils.timers.Wait', x: 1, y: 0, source: { in: { hook: ['out'] } },
          config: { transform: { in: { hook: { out: { type: 'json2new', lambda: { delayMs: 200 } } } } } },
        },
        set: { type: 'weft.utils.transform.Set', x: 2, y: 0, source: { in: { wait: ['out'] } } },
      });
      await user.startFlow(flowId);
      for (let i = 0; i < 20; i++) await http(`${api.url}/flows/${flowId}/components/hook`, { body: { i } });
      await user.waitForLogs({ flowId, componentId: 'set', direction: 'in' }, (r) => r.length >= 20, 20_000);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const records = (await user.call('GET', `/logs?flowId=${flowId}&componentId=set&direction=in&limit=1000`)).body.records as { correlationId: string }[];
      console.log(`two schedulers: sent=20 completed=${new Set(records.map((r) => r.correlationId)).size} duplicates=${records.length - new Set(records.map((r) => r.correlationId)).size}`);
      expect(records).toHaveLength(20);
      expect(new Set(records.map((r) => r.correlationId)).size).toBe(20);
    } finally {
      await second.close();
    }
  });
});

describe('with embedded logs and no indexer role running', () => {
  it('lets each worker append its own records to the shared log file (WEFT_LOG_SHIPPING=auto)', async () => {
    const api = await startTestWeft({ roles: ['api'] });
    const worker = await startTestWeft({ roles: ['worker'], dataDir: api.dataDir });
    try {
      const user = await api.signup();
      const flowId = await user.createFlow(flow);
      await user.startFlow(flowId);
      const answer = await http(`${api.url}/flows/${flowId}/components/hook`, { body: { word: 'direct' } });
      expect(answer.body).toEqual({ echo: 'DIRECT' });
      const correlationId = answer.headers.get('x-weft-correlation-id')!;
      const records = await user.waitForLogs({ correlationId }, (r) => r.filter((x) => x.direction === 'in').length === 3);
      expect(new Set(records.map((r) => r.componentId))).toEqual(new Set(['hook', 'set', 'reply']));
      // Nothing went to an indexer's queue: no process consumes it here, so a shipped batch would wait there.
      expect(await worker.weft.adapters.bus.depth('logs')).toBe(0);
    } finally {
      await worker.close();
      await api.close();
    }
  });
});
