import { describe, expect, it } from 'vitest';
import { FlowDescriptor } from '@weft/flow';
import { diffVersions, isEmptyDiff } from './version-diff.ts';

const v1 = FlowDescriptor.parse({
  hook: { type: 'weft.utils.http.Webhook', label: 'Incoming', x: 0, y: 0 },
  reply: { type: 'weft.utils.http.Response', label: 'Answer', x: 200, y: 0, source: { in: { hook: ['out'] } }, config: { properties: { status: 200 } } },
  log: { type: 'weft.utils.debug.Log', label: 'Log it', x: 400, y: 0 },
});

describe('diffVersions', () => {
  it('names components added, removed and changed, with which settings changed', () => {
    const draft = FlowDescriptor.parse({
      hook: { type: 'weft.utils.http.Webhook', label: 'Incoming', x: 0, y: 0 },
      reply: { type: 'weft.utils.http.Response', label: 'Answer', x: 200, y: 40, source: { in: { hook: ['out'] } }, config: { properties: { status: 201, headers: {} } } },
      mail: { type: 'weft.utils.mail.Send', label: 'Mail', x: 400, y: 0 },
    });
    const diff = diffVersions(v1, draft);
    expect(diff.added).toEqual([{ id: 'mail', label: 'Mail', type: 'weft.utils.mail.Send', changes: [] }]);
    expect(diff.removed.map((c) => c.label)).toEqual(['Log it']);
    expect(diffVersions({}, FlowDescriptor.parse({ plain: { type: 'weft.utils.transform.Set' } })).added).toEqual([{ id: 'plain', label: undefined, type: 'weft.utils.transform.Set', changes: [] }]);
    expect(diff.changed).toEqual([{ id: 'reply', label: 'Answer', type: 'weft.utils.http.Response', changes: ['properties.headers', 'properties.status', 'position'] }]);
  });

  it('sees no change when only the order of keys differs', () => {
    const reordered = FlowDescriptor.parse(JSON.parse(JSON.stringify({ log: v1.log, reply: v1.reply, hook: v1.hook })));
    expect(isEmptyDiff(diffVersions(v1, reordered))).toBe(true);
  });

  it('reports changed connections and mappings', () => {
    const draft = FlowDescriptor.parse({
      ...v1,
      reply: { ...v1.reply, source: {}, config: { properties: { status: 200 }, transform: { in: { hook: { out: { type: 'json2new', lambda: { a: 1 } } } } } } },
    });
    expect(diffVersions(v1, draft).changed).toEqual([expect.objectContaining({ id: 'reply', changes: ['connections', 'mapping.in.a'] })]);
    const edited = FlowDescriptor.parse({
      ...draft,
      reply: { ...draft.reply, config: { properties: { status: 200 }, transform: { in: { hook: { out: { type: 'json2new', lambda: { a: 2, b: 'new' } } } } } } },
    });
    expect(diffVersions(draft, edited).changed).toEqual([expect.objectContaining({ id: 'reply', changes: ['mapping.in.a', 'mapping.in.b'] })]);
  });
});
