/**
 * @module TemplateStore contract: the behaviour every TemplateStore adapter must show, run
 * unchanged by each adapter's `template-store.test.ts`.
 *
 * ```ts
 * describeTemplateStoreContract('EmbeddedTemplateStore', async () => new EmbeddedTemplateStore({ file }));
 * ```
 *
 * Cases use unique ids, categories and tags, so the stores may share one database.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectCataloguedError, rejectionOf } from './catalogued-error.ts';
import { openPerCase } from './open-per-case.ts';
import type { InstanceLink, TemplateRecord, TemplateStore } from './template-store.ts';

const uid = () => randomUUID();

function aTemplate(overrides: Partial<TemplateRecord> = {}): TemplateRecord {
  return {
    id: uid(), name: 'Sync deals', description: 'New deals to chat', category: `cat-${uid()}`, tags: ['crm'], customFields: { tier: 'gold', seats: 12 },
    version: 1, flow: { hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0, source: {}, config: { properties: {}, transform: {} } } },
    wizard: { fields: [{ id: 'channel', type: 'text', label: 'Channel', bind: [{ componentId: 'hook', path: 'config.properties.channel' }] }] },
    createdAt: 1000, updatedAt: 1000, createdBy: 'u-1', ...overrides,
  };
}

function aLink(overrides: Partial<InstanceLink> = {}): InstanceLink {
  return { flowId: uid(), templateId: uid(), version: 1, answers: { channel: '#deals' }, tenantId: `t-${uid()}`, userId: 'u-1', createdAt: 5, updatedAt: 5, ...overrides };
}

export function describeTemplateStoreContract(name: string, makeStore: () => Promise<TemplateStore>): void {
  describe(`TemplateStore contract: ${name}`, () => {
    const open = openPerCase(makeStore);

    it('creates a template and reads it back whole, icon included; a taken id is a conflict', async () => {
      const store = await open();
      const template = aTemplate({ icon: 'data:image/svg+xml,<svg/>' });
      await store.createTemplate(template);
      expect(await store.getTemplate(template.id)).toEqual(template);
      expect(await store.getTemplate(uid())).toBeUndefined();
      expectCataloguedError(await rejectionOf(store.createTemplate(template)), 'template.conflict');
    });

    it('keeps every version: a save on the newest makes the next, a stale one is a conflict with the current', async () => {
      const store = await open();
      const first = aTemplate();
      await store.createTemplate(first);
      const { version: _v, createdAt: _c, ...rest } = first;
      const saved = await store.saveTemplateVersion({ ...rest, name: 'Sync deals v2', updatedAt: 2000 }, 1);
      expect(saved).toEqual({ ok: true, template: { ...first, name: 'Sync deals v2', version: 2, updatedAt: 2000 } });
      const stale = await store.saveTemplateVersion({ ...rest, name: 'lost' }, 1);
      expect(stale).toMatchObject({ ok: false, reason: 'conflict', current: { version: 2, name: 'Sync deals v2' } });
      expect(await store.saveTemplateVersion({ ...rest, id: uid() }, 1)).toEqual({ ok: false, reason: 'not_found' });
      expect((await store.getTemplate(first.id))?.version).toBe(2);
      expect(await store.getTemplate(first.id, 1)).toEqual(first);
      expect(await store.getTemplate(first.id, 3)).toBeUndefined();
    });

    it('lists the newest version of each template, filtered by category, tag and custom fields', async () => {
      const store = await open();
      const category = `cat-${uid()}`;
      const tag = `tag-${uid()}`;
      const a = aTemplate({ category, name: 'B', tags: [tag, 'x'], customFields: { tier: 'gold', seats: 12, beta: true } });
      const b = aTemplate({ category, name: 'A', tags: ['y'], customFields: { tier: 'silver' } });
      await store.createTemplate(a);
      await store.createTemplate(b);
      const { version: _v, createdAt: _c, ...rest } = a;
      await store.saveTemplateVersion({ ...rest, description: 'second' }, 1);
      const listed = await store.listTemplates({ category });
      expect(listed.map((t) => [t.name, t.version])).toEqual([['A', 1], ['B', 2]]);
      expect((await store.listTemplates({ tag })).map((t) => t.id)).toEqual([a.id]);
      expect((await store.listTemplates({ category, customFields: { tier: 'silver' } })).map((t) => t.id)).toEqual([b.id]);
      expect((await store.listTemplates({ category, customFields: { seats: '12', beta: 'true' } })).map((t) => t.id)).toEqual([a.id]);
      expect(await store.listTemplates({ category, customFields: { tier: 'bronze' } })).toEqual([]);
      expect((await store.listTemplates()).map((t) => t.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    });

    it('links instances, lists them by tenant and by template, updates and removes links', async () => {
      const store = await open();
      const templateId = uid();
      const tenantId = `t-${uid()}`;
      const one = aLink({ templateId, tenantId, createdAt: 1 });
      const two = aLink({ templateId, createdAt: 2 });
      await store.putInstance(one);
      await store.putInstance(two);
      expect(await store.getInstance(one.flowId)).toEqual(one);
      expect(await store.listInstances({ tenantId })).toEqual([one]);
      expect((await store.listInstances({ templateId })).map((link) => link.flowId)).toEqual([one.flowId, two.flowId]);
      const moved = { ...one, version: 2, answers: { channel: '#sales' }, updatedAt: 9 };
      await store.putInstance(moved);
      expect(await store.getInstance(one.flowId)).toEqual(moved);
      expect(await store.deleteInstance(one.flowId)).toBe(true);
      expect(await store.deleteInstance(one.flowId)).toBe(false);
      expect(await store.getInstance(one.flowId)).toBeUndefined();
    });

    it('deletes every version of a template with its instance links', async () => {
      const store = await open();
      const template = aTemplate();
      await store.createTemplate(template);
      const { version: _v, createdAt: _c, ...rest } = template;
      await store.saveTemplateVersion(rest, 1);
      const link = aLink({ templateId: template.id });
      await store.putInstance(link);
      expect(await store.deleteTemplate(template.id)).toBe(true);
      expect(await store.getTemplate(template.id)).toBeUndefined();
      expect(await store.getTemplate(template.id, 1)).toBeUndefined();
      expect(await store.getInstance(link.flowId)).toBeUndefined();
      expect(await store.deleteTemplate(template.id)).toBe(false);
    });
  });
}
