import { parseFlow } from '@weft/flow';
import { load } from '../src/engine/flow-cache.ts';
import { scheduledFlow } from '../../bench/scenario-many-flows.ts';
const flow = (parseFlow(scheduledFlow()) as any).value;
const json = JSON.stringify(flow);
globalThis.gc?.();
const before = process.memoryUsage();
const keep: unknown[] = [];
for (let i = 0; i < 10000; i++) {
  const f = JSON.parse(json); const p = JSON.parse(json);
  const record = { flowId: `flow-${i}`, userId: 'u', tenantId: 't', name: `flow ${i}`, stage: 'running', version: 2, flow: f, publishedFlow: p, publishedVersion: 1, createdAt: 0, updatedAt: 0 } as any;
  keep.push({ record, live: load(record, p, false), loadedAt: 0, ownerDisabled: false });
}
globalThis.gc?.();
const after = process.memoryUsage();
console.log('heap per flow (bytes)', ((after.heapUsed - before.heapUsed) / 10000).toFixed(0), 'rss delta MB', ((after.rss - before.rss) / 1e6).toFixed(0), keep.length);
