import { describe, expect, it } from 'vitest';
import { checkFlowSize, DEFAULT_FLOW_LIMITS } from './flow-limits.ts';

const chain = (n: number) => {
  const flow: Record<string, unknown> = { c0: { type: 'weft.utils.transform.Set', source: {} } };
  for (let i = 1; i < n; i++) flow[`c${i}`] = { type: 'weft.utils.transform.Set', source: { in: { [`c${i - 1}`]: ['out'] } } };
  return flow;
};

describe('checkFlowSize', () => {
  it('refuses more connections than the limit, and counts a descriptor object once however often it is sized', () => {
    const flow = chain(5);
    const limits = { ...DEFAULT_FLOW_LIMITS, maxEdges: 4 };
    expect(() => checkFlowSize(flow, limits, 'flow')).not.toThrow();
    expect(() => checkFlowSize(chain(6), limits, 'flow')).toThrow(/5 connections/);

    // Its components read once: sizing the same object again (the next request on the flow) reads none.
    let reads = 0;
    const counted = new Proxy(chain(6), { get: (target, key, receiver) => (reads++, Reflect.get(target, key, receiver)) as unknown });
    expect(() => checkFlowSize(counted, { ...limits, maxEdges: 5 }, 'flow')).not.toThrow();
    const first = reads;
    expect(first).toBeGreaterThan(0);
    expect(() => checkFlowSize(counted, limits, 'flow')).toThrow(/5 connections/);
    expect(() => checkFlowSize(counted, { ...limits, maxEdges: 5 }, 'flow')).not.toThrow();
    // The second and third sizing read no component (its bytes come from the text kept at the first).
    expect(reads).toBe(first);
  });
});
