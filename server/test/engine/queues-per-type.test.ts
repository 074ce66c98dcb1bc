import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineComponent } from '@weft/connector-kit';
import { http, startTestWeft, type TestWeft } from '../harness.ts';

/** A connector we route to its own queue, as one would a slow or rate-limited one. */
const Report = defineComponent(
  { name: 'test.queues.Report', label: 'Report', inPorts: [{ name: 'in' }], outPorts: [] },
  { async receive() {} },
);

const QUEUES = { WEFT_QUEUES: 'slow=test.queues.*' };

describe('when a component type has its own queue', () => {
  let api: TestWeft;
  let fastWorker: TestWeft;
  beforeAll(async () => {
    api = await startTestWeft({ roles: ['api', 'scheduler', 'indexer'], components: [Report], env: QUEUES });
    fastWorker = await startTestWeft({
      roles: ['worker'], components: [Report], dataDir: api.dataDir, env: { ...QUEUES, WEFT_WORKER_QUEUES: 'messages:16' },
    });
  });
  afterAll(async () => {
    await fastWorker.close();
    await api.close();
  });

  it('lets the rest of the flow run while its messages wait, until a worker for that queue drains them', async () => {
    const user = await api.signup();
    const flowId = await user.createFlow({
      hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0, config: { properties: { waitForResponse: false } } },
      set: { type: 'weft.utils.transform.Set', x: 1, y: 0, source: { in: { hook: ['out'] } } },
      report: { type: 'test.queues.Report', x: 2, y: 0, source: { in: { set: ['out'] } } },
      after: { type: 'weft.utils.transform.Set', x: 2, y: 1, source: { in: { set: ['out'] } } },
    });
    await user.startFlow(flowId);
    for (let i = 0; i < 5; i++) expect((await http(`${api.url}/flows/${flowId}/components/hook`, { body: { i } })).status).toBe(202);

    await user.waitForLogs({ flowId, componentId: 'after', direction: 'in' }, (records) => records.length === 5);
    const bus = api.weft.adapters.bus;
    expect(await bus.depth('slow')).toBe(5);
    expect(await bus.depth('messages')).toBe(0);

    const slowWorker = await startTestWeft({
      roles: ['worker'], components: [Report], dataDir: api.dataDir, env: { ...QUEUES, WEFT_WORKER_QUEUES: 'slow:4' },
    });
    try {
      await user.waitForLogs({ flowId, componentId: 'report', direction: 'in' }, (records) => records.length === 5);
      expect(await bus.depth('slow')).toBe(0);
    } finally {
      await slowWorker.close();
    }
  });

  it('refuses a worker queue that no route names', async () => {
    await expect(startTestWeft({ roles: ['worker'], env: { ...QUEUES, WEFT_WORKER_QUEUES: 'slwo:4' } })).rejects.toThrow(/WEFT_WORKER_QUEUES/);
  });
});
