import { describe, expect, it } from 'vitest';
import type { FlowRecord, Store } from '../ports/store.ts';
import { FlowCache } from './flow-cache.ts';

const component = (label: string) => ({ type: 'weft.utils.transform.Set', label, x: 0, y: 0, source: {}, config: { properties: {}, transform: {} } });

/** The two Store methods the cache calls, over a map of flows; counts flow reads. */
function countingStore() {
  const flows = new Map<string, FlowRecord>();
  let reads = 0;
  const store = {
    getFlow: async (flowId: string) => {
      reads++;
      return flows.get(flowId);
    },
    getUser: async () => undefined,
  } as unknown as Store;
  return { store, flows, reads: () => reads };
}

describe('FlowCache', () => {
  it('serves the published descriptor to real messages and the draft to test runs, from one Store read', async () => {
    const { store, flows, reads } = countingStore();
    const record: FlowRecord = {
      flowId: 'f', userId: 'u', tenantId: 't', name: 'F', stage: 'running', version: 4, flow: { draft: component('Draft') },
      publishedVersion: 2, publishedFlow: { live: component('Live') }, createdAt: 1, updatedAt: 1,
    };
    flows.set('f', record);
    let now = 0;
    const cache = new FlowCache(store, () => now, 1000);
    expect(Object.keys((await cache.get('f'))!.descriptor)).toEqual(['live']);
    expect(Object.keys((await cache.get('f', true))!.descriptor)).toEqual(['draft']);
    expect(reads()).toBe(1);

    // A draft saved elsewhere: after the ttl the draft changes, the published side does not.
    flows.set('f', { ...record, version: 5, flow: { edited: component('Edited') } });
    now = 1500;
    const live = await cache.get('f');
    expect(Object.keys(live!.descriptor)).toEqual(['live']);
    expect(Object.keys((await cache.get('f', true))!.descriptor)).toEqual(['edited']);
    expect(reads()).toBe(2);
  });

  it('serves the draft to both while the flow was never published', async () => {
    const { store, flows } = countingStore();
    flows.set('g', { flowId: 'g', userId: 'u', tenantId: 't', name: 'G', stage: 'stopped', version: 1, flow: { only: component('Only') }, createdAt: 1, updatedAt: 1 });
    const cache = new FlowCache(store, () => 0);
    expect(await cache.get('g', true)).toBe(await cache.get('g'));
    expect(Object.keys((await cache.get('g'))!.descriptor)).toEqual(['only']);
  });

  it('shares one load between callers asking at once, and does not keep a load that a change invalidated', async () => {
    const { store, flows, reads } = countingStore();
    const record: FlowRecord = { flowId: 'h', userId: 'u', tenantId: 't', name: 'H', stage: 'stopped', version: 1, flow: { one: component('One') }, createdAt: 1, updatedAt: 1 };
    flows.set('h', record);
    const cache = new FlowCache(store, () => 0);
    const [a, b] = await Promise.all([cache.get('h'), cache.get('h')]);
    expect(a).toBe(b);
    expect(reads()).toBe(1);

    // Changed while a load was under way: that load's answer is not kept, the next caller reads again.
    cache.invalidate('h');
    const before = cache.get('h');
    flows.set('h', { ...record, stage: 'running', version: 2 });
    cache.invalidate('h');
    expect((await before)?.record.stage).toBe('stopped');
    expect((await cache.get('h'))?.record.stage).toBe('running');
    expect(reads()).toBe(3);
  });
  it('reloads a running flow after its ttl without reading its descriptors again while the live version is the same', async () => {
    const { store, flows } = countingStore();
    // As the embedded Store reads a record: each descriptor parsed when first read (counted here).
    const reads: string[] = [];
    const stored = (): FlowRecord => {
      const record = { flowId: 'f', userId: 'u', tenantId: 't', name: 'F', stage: 'running', version: 4, publishedVersion: 4, createdAt: 1, updatedAt: 1 } as FlowRecord;
      for (const [key, value] of [['flow', { draft: component('Draft') }], ['publishedFlow', { live: component('Live') }]] as const) {
        Object.defineProperty(record, key, { enumerable: true, get: () => { reads.push(key); return value; } });
      }
      return record;
    };
    flows.set('f', stored());
    let now = 0;
    const cache = new FlowCache(store, () => now, 1000);
    expect(Object.keys((await cache.get('f'))!.descriptor)).toEqual(['live']);
    expect(reads).toContain('publishedFlow');

    reads.length = 0;
    flows.set('f', stored());
    now = 1500;
    expect(Object.keys((await cache.get('f'))!.descriptor)).toEqual(['live']);
    expect(reads).toEqual([]);
  });

  it('reloads an unchanged flow after its ttl from its stamp alone, and reads the record again once it changed', async () => {
    const { store, flows, reads } = countingStore();
    // A Store with stamps: what identifies each stored record, read without it.
    const stamps = { ...store, getFlowStamp: async (flowId: string) => {
      const record = flows.get(flowId);
      return record && { version: record.version, publishedVersion: record.publishedVersion, createdAt: record.createdAt, updatedAt: record.updatedAt };
    } } as Store;
    const record: FlowRecord = { flowId: 'f', userId: 'u', tenantId: 't', name: 'F', stage: 'running', version: 2, flow: { one: component('One') }, createdAt: 1, updatedAt: 1 };
    flows.set('f', record);
    let now = 0;
    const cache = new FlowCache(stamps, () => now, 1000);
    expect((await cache.get('f'))!.record).toBe(record);
    now = 1500;
    expect((await cache.get('f'))!.record).toBe(record);
    expect(reads()).toBe(1);

    flows.set('f', { ...record, stage: 'stopped', version: 3, updatedAt: 2 });
    now = 3000;
    expect((await cache.get('f'))!.record.stage).toBe('stopped');
    expect(reads()).toBe(2);
  });

  it('indexes a parsed descriptor once: a reload after invalidating it (stop, start) finds its index', async () => {
    const { store, flows } = countingStore();
    const chain = { a: component('A'), b: { ...component('B'), source: { in: { a: ['out'] } } } };
    flows.set('f', { flowId: 'f', userId: 'u', tenantId: 't', name: 'F', stage: 'stopped', version: 1, flow: chain, createdAt: 1, updatedAt: 1 });
    // As the engine parses a big flow: one parsed object for the same content.
    const parsed = JSON.parse(JSON.stringify(chain)) as never;
    const cache = new FlowCache(store, () => 0, 1000, undefined, async () => parsed);
    const first = (await cache.get('f'))!;
    expect(first.outEdges.a).toBeDefined();
    cache.invalidate('f');
    flows.set('f', { ...flows.get('f')!, stage: 'running', version: 2 });
    const second = (await cache.get('f'))!;
    expect(second).not.toBe(first);
    expect(second.record.stage).toBe('running');
    expect(second.outEdges).toBe(first.outEdges);
    expect(second.reads).toBe(first.reads);
    expect(second.names).toEqual(first.names);
  });
});
