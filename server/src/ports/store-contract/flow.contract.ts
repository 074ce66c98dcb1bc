/**
 * @module FlowStore contract: flow drafts, optimistic updates, listings (per user, per tenant, for
 * staff), custom fields and published versions, as every Store adapter must keep them.
 */
import { describe, expect, it } from 'vitest';
import { expectCataloguedError, rejectionOf } from '../catalogued-error.ts';
import { openPerCase } from '../open-per-case.ts';
import { isStampOf, type Closable, type FlowRecord, type FlowStore, type FlowVersionRecord } from '../store.ts';
import { aFlow, uid } from './fixtures.ts';

export function describeFlowStoreContract(name: string, make: () => Promise<FlowStore & Closable>): void {
  describe(`FlowStore contract: ${name}`, () => {
    const open = openPerCase(make);

    describe('flows', () => {
      it('creates a flow and gets it, only for its owner when a user is given', async () => {
        const store = await open();
        const flow = aFlow({ errorFlowId: 'fallback', startedAt: 5 });
        await store.createFlow(flow);
        expect(await store.getFlow(flow.flowId)).toEqual(flow);
        expect(await store.getFlow(flow.flowId, flow.userId)).toEqual(flow);
        expect(await store.getFlow(flow.flowId, uid())).toBeUndefined();
        expect(await store.getFlow(uid())).toBeUndefined();
      });

      it('rejects a second flow with the same id as flow.exists', async () => {
        const store = await open();
        const flow = aFlow();
        await store.createFlow(flow);
        expectCataloguedError(await rejectionOf(store.createFlow({ ...flow, name: 'Twin' })), 'flow.exists');
        expect(await store.getFlow(flow.flowId)).toEqual(flow);
      });

      it('updates a flow, incrementing its version, when the expected version matches', async () => {
        const store = await open();
        const flow = aFlow();
        await store.createFlow(flow);
        const result = await store.updateFlow(flow.flowId, flow.userId, { name: 'Renamed', flow: { b: { type: 'x' } }, stage: 'running', startedAt: 7 }, 1);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.flow).toMatchObject({ name: 'Renamed', flow: { b: { type: 'x' } }, stage: 'running', startedAt: 7, version: 2, createdAt: flow.createdAt });
        expect(result.flow.updatedAt).toBeGreaterThanOrEqual(flow.updatedAt);
        expect(await store.getFlow(flow.flowId)).toEqual(result.flow);
      });

      it('updates unconditionally without an expected version, still incrementing it', async () => {
        const store = await open();
        const flow = aFlow();
        await store.createFlow(flow);
        await store.updateFlow(flow.flowId, flow.userId, { name: 'One' });
        const result = await store.updateFlow(flow.flowId, flow.userId, { name: 'Two' });
        expect(result).toMatchObject({ ok: true, flow: { name: 'Two', version: 3 } });
      });

      it('refuses a stale expected version with the current flow and changes nothing', async () => {
        const store = await open();
        const flow = aFlow();
        await store.createFlow(flow);
        await store.updateFlow(flow.flowId, flow.userId, { name: 'Newer' }, 1);
        const current = await store.getFlow(flow.flowId);
        const result = await store.updateFlow(flow.flowId, flow.userId, { name: 'Stale' }, 1);
        expect(result).toEqual({ ok: false, reason: 'conflict', current });
        expect(await store.getFlow(flow.flowId)).toEqual(current);
      });

      it("reports not_found for a missing flow or another user's flow", async () => {
        const store = await open();
        const flow = aFlow();
        await store.createFlow(flow);
        expect(await store.updateFlow(uid(), flow.userId, { name: 'x' })).toEqual({ ok: false, reason: 'not_found' });
        expect(await store.updateFlow(flow.flowId, uid(), { name: 'x' })).toEqual({ ok: false, reason: 'not_found' });
        expect(await store.getFlow(flow.flowId)).toEqual(flow);
      });

      it('lists flows filtered by user, stage and search, sorted and paged with a correct total', async () => {
        const store = await open();
        const userId = uid();
        const other = uid();
        const names = ['Invoice sync', 'CRM import', 'invoice reminders', 'Slack digest', 'Daily INVOICE report'];
        for (const [i, name] of names.entries()) {
          await store.createFlow(aFlow({ userId, name, stage: i % 2 === 0 ? 'running' : 'stopped', createdAt: 100 + i, updatedAt: 200 - i }));
        }
        await store.createFlow(aFlow({ userId: other, name: 'Invoice sync' }));

        const all = await store.listFlows({ userId });
        expect(all.total).toBe(5);
        expect(all.items.every((f) => f.userId === userId)).toBe(true);

        const running = await store.listFlows({ userId, stage: 'running', sort: 'createdAt', order: 'asc' });
        expect(running.items.map((f) => f.name)).toEqual(['Invoice sync', 'invoice reminders', 'Daily INVOICE report']);

        const invoices = await store.listFlows({ userId, search: 'inVOice', sort: 'name', order: 'asc' });
        expect(invoices.total).toBe(3);
        expect(invoices.items.map((f) => f.name.toLowerCase())).toEqual(['daily invoice report', 'invoice reminders', 'invoice sync']);

        const byUpdate = await store.listFlows({ userId, sort: 'updatedAt', order: 'desc', limit: 2, offset: 1 });
        expect(byUpdate.total).toBe(5);
        expect(byUpdate.items.map((f) => f.name)).toEqual(['CRM import', 'invoice reminders']);

        const none = await store.listFlows({ userId, search: 'nothing like it' });
        expect(none).toEqual({ items: [], total: 0 });
      });

      it('keeps custom fields, replaces them on update, and filters on their text form', async () => {
        const store = await open();
        const userId = uid();
        const gold = aFlow({ userId, name: 'Gold', customFields: { segment: 'gold', seats: 12, trial: false } });
        const silver = aFlow({ userId, name: 'Silver', customFields: { segment: 'silver', seats: 3, trial: true } });
        const plain = aFlow({ userId, name: 'Plain' });
        for (const flow of [gold, silver, plain]) await store.createFlow(flow);
        expect(await store.getFlow(gold.flowId)).toEqual(gold);
        expect((await store.getFlow(plain.flowId))?.customFields).toBeUndefined();
        const names = async (customFields: Record<string, string>) => (await store.listFlows({ userId, customFields, sort: 'name', order: 'asc' })).items.map((f) => f.name);
        expect(await names({ segment: 'gold' })).toEqual(['Gold']);
        expect(await names({ seats: '3' })).toEqual(['Silver']);
        expect(await names({ trial: 'false' })).toEqual(['Gold']);
        expect(await names({ segment: 'gold', trial: 'true' })).toEqual([]);
        expect(await names({ nothing: 'x' })).toEqual([]);
        const updated = await store.updateFlow(gold.flowId, userId, { customFields: { segment: 'platinum' } });
        expect(updated.ok && updated.flow.customFields).toEqual({ segment: 'platinum' });
        expect(await names({ segment: 'gold' })).toEqual([]);
        expect(await names({ segment: 'platinum' })).toEqual(['Gold']);
        await store.updateFlow(gold.flowId, userId, { customFields: {} });
        expect((await store.getFlow(gold.flowId))?.customFields).toBeUndefined();
      });

      it('lists the running flows of every user', async () => {
        const store = await open();
        const a = aFlow({ stage: 'running' });
        const b = aFlow({ stage: 'running' });
        const stopped = aFlow({ stage: 'stopped' });
        for (const flow of [a, b, stopped]) await store.createFlow(flow);
        const ids = (await store.listRunningFlows()).map((f) => f.flowId);
        expect(ids).toEqual(expect.arrayContaining([a.flowId, b.flowId]));
        expect(ids).not.toContain(stopped.flowId);
      });

      it('lists only the running flows that use one of the given types, by their published descriptor', async () => {
        const store = await open();
        const type = `test.listens_${uid().slice(0, 8)}`;
        const uses = aFlow({ stage: 'running', flow: { a: { type, x: 0, y: 0 } } });
        const draftOnly = aFlow({ stage: 'running', flow: { a: { type, x: 0, y: 0 } }, publishedFlow: { a: { type: 'test.Other', x: 0, y: 0 } }, publishedVersion: 1 });
        const other = aFlow({ stage: 'running', flow: { a: { type: 'test.Other', label: type, x: 0, y: 0 } } });
        const stopped = aFlow({ stage: 'stopped', flow: { a: { type, x: 0, y: 0 } } });
        for (const flow of [uses, draftOnly, other, stopped]) await store.createFlow(flow);
        expect((await store.listRunningFlows({ usingTypes: [type, 'test.Nothing'] })).map((f) => f.flowId)).toEqual([uses.flowId]);
        expect(await store.listRunningFlows({ usingTypes: [] })).toEqual([]);
      });

      it("stamps a flow as its record is, and stamps it anew at each update and publish (adapters with getFlowStamp)", async () => {
        const store = await open();
        if (store.getFlowStamp === undefined) return; // Optional: the flow cache then reads the record.
        const flow = aFlow({ version: 3 });
        await store.createFlow(flow);
        expect(isStampOf(flow, (await store.getFlowStamp(flow.flowId))!)).toBe(true);
        expect(await store.getFlowStamp(uid())).toBeUndefined();
        const updated = await store.updateFlow(flow.flowId, flow.userId, { stage: 'running' });
        if (!updated.ok) throw new Error('update failed');
        expect(isStampOf(flow, (await store.getFlowStamp(flow.flowId))!)).toBe(false);
        expect(isStampOf(updated.flow, (await store.getFlowStamp(flow.flowId))!)).toBe(true);
        const published = await store.publishFlow(aVersion(flow, { version: 1, draftVersion: 4 }));
        if (!published.ok) throw new Error('publish failed');
        expect(isStampOf(updated.flow, (await store.getFlowStamp(flow.flowId))!)).toBe(false);
        expect(isStampOf((await store.getFlow(flow.flowId))!, (await store.getFlowStamp(flow.flowId))!)).toBe(true);
      });

      it('publishes versions without changing the draft version, lists them newest first, and refuses a stale draft or counter', async () => {
        const store = await open();
        const flow = aFlow({ version: 3 });
        await store.createFlow(flow);
        const v1 = aVersion(flow, { version: 1, draftVersion: 3 });
        const first = await store.publishFlow(v1);
        expect(first).toMatchObject({ ok: true, flow: { version: 3, publishedVersion: 1, publishedFlow: flow.flow } });
        expect(await store.getFlow(flow.flowId)).toMatchObject({ version: 3, publishedVersion: 1, publishedFlow: flow.flow });

        // A draft saved since the publish was asked for, or a counter someone else took: conflict, nothing kept.
        const stale = await store.publishFlow(aVersion(flow, { version: 2, draftVersion: 2 }));
        expect(stale).toMatchObject({ ok: false, reason: 'conflict', current: { version: 3, publishedVersion: 1 } });
        const taken = await store.publishFlow(aVersion(flow, { version: 1, draftVersion: 3 }));
        expect(taken).toMatchObject({ ok: false, reason: 'conflict' });

        const edited = { b: { type: 'log', label: 'Log', x: 0, y: 0, source: {}, config: {} } };
        const saved = await store.updateFlow(flow.flowId, flow.userId, { flow: edited }, 3);
        expect(saved).toMatchObject({ ok: true, flow: { version: 4, flow: edited, publishedVersion: 1, publishedFlow: flow.flow } });
        expect(await store.publishFlow(aVersion(flow, { version: 2, draftVersion: 4, flow: edited, publishedAt: 2_000 }))).toMatchObject({ ok: true, flow: { publishedVersion: 2, publishedFlow: edited } });

        const versions = await store.listFlowVersions(flow.flowId, flow.userId);
        expect(versions.map((v) => [v.version, v.draftVersion])).toEqual([[2, 4], [1, 3]]);
        expect(await store.getFlowVersion(flow.flowId, flow.userId, 1)).toEqual(v1);
        expect(await store.getFlowVersion(flow.flowId, flow.userId, 3)).toBeUndefined();
        expect(await store.publishFlow(aVersion(aFlow(), { version: 1 }))).toEqual({ ok: false, reason: 'not_found' });
      });

      it("keeps a flow's versions to its owner and deletes them with the flow", async () => {
        const store = await open();
        const flow = aFlow();
        await store.createFlow(flow);
        await store.publishFlow(aVersion(flow, { version: 1, draftVersion: 1 }));
        const stranger = uid();
        expect(await store.listFlowVersions(flow.flowId, stranger)).toEqual([]);
        expect(await store.getFlowVersion(flow.flowId, stranger, 1)).toBeUndefined();
        expect(await store.publishFlow(aVersion({ ...flow, userId: stranger }, { version: 2, draftVersion: 1 }))).toEqual({ ok: false, reason: 'not_found' });
        expect(await store.deleteFlow(flow.flowId, flow.userId)).toBe(true);
        expect(await store.listFlowVersions(flow.flowId, flow.userId)).toEqual([]);
        expect(await store.getFlowVersion(flow.flowId, flow.userId, 1)).toBeUndefined();
      });

      it('deletes a flow only for its owner', async () => {
        const store = await open();
        const flow = aFlow();
        await store.createFlow(flow);
        expect(await store.deleteFlow(flow.flowId, uid())).toBe(false);
        expect(await store.deleteFlow(flow.flowId, flow.userId)).toBe(true);
        expect(await store.getFlow(flow.flowId)).toBeUndefined();
        expect(await store.deleteFlow(flow.flowId, flow.userId)).toBe(false);
      });

      it('lists the flows of a tenant across its users', async () => {
        const store = await open();
        const tenantId = uid();
        const [a, b] = [aFlow({ tenantId, name: 'A', updatedAt: 2 }), aFlow({ tenantId, name: 'B', updatedAt: 1 })];
        await store.createFlow(a);
        await store.createFlow(b);
        await store.createFlow(aFlow({ name: 'Elsewhere' }));
        const listed = await store.listFlows({ tenantId });
        expect(listed.items.map((f) => f.flowId)).toEqual([a.flowId, b.flowId]);
        expect(listed.total).toBe(2);
        expect((await store.getFlow(a.flowId))?.tenantId).toBe(tenantId);
      });

      it('lists every tenant\'s flows for staff (allTenants)', async () => {
        const store = await open();
        const [a, b] = [aFlow({ tenantId: uid(), name: 'In A' }), aFlow({ tenantId: uid(), name: 'In B' })];
        await store.createFlow(a);
        await store.createFlow(b);
        const listed = await store.listFlows({ allTenants: true, limit: 1000 });
        expect(listed.items.map((f) => f.flowId)).toEqual(expect.arrayContaining([a.flowId, b.flowId]));
        expect(listed.total).toBeGreaterThanOrEqual(2);
      });
    });
  });
}

function aVersion(flow: FlowRecord, overrides: Partial<FlowVersionRecord> = {}): FlowVersionRecord {
  return {
    flowId: flow.flowId, userId: flow.userId, version: 1, name: flow.name, flow: flow.flow, publishedAt: 1_500, publishedBy: flow.userId, draftVersion: flow.version,
    ...overrides,
  };
}
