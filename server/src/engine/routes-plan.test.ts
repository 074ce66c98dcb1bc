import { describe, expect, it } from 'vitest';
import { FlowDescriptor } from '@weft/flow';
import { DEFAULT_PLAN_LIMITS, indexOutEdges, planRoutes } from './routes-plan.ts';

const flow = FlowDescriptor.parse({
  hook: { type: 'weft.utils.http.Webhook' },
  a: {
    type: 'weft.utils.transform.Set', source: { in: { hook: ['out'] } },
    config: { transform: { in: { hook: { out: { type: 'json2new', lambda: { n: '{{{$.hook.out.count}}}', text: 'n={{{$.hook.out.count}}}' } } } } } },
  },
  b: { type: 'weft.utils.transform.Set', source: { in: { hook: ['out'] } } },
});
const parent = { id: 'm1', userId: 'u1', flowId: 'f1', correlationId: 'c1', scope: {} };

describe('planning the routes of what a component sent', () => {
  it('sends one message down every edge, mapped through its transform', async () => {
    const { messages: planned } = await planRoutes({ outEdges: indexOutEdges(flow), parent, senderId: 'hook', sends: [{ port: 'out', data: { count: 3 } }] });
    expect(planned.map((m) => m.componentId).sort()).toEqual(['a', 'b']);
    const toA = planned.find((m) => m.componentId === 'a')!;
    expect(toA.content).toEqual({ n: 3, text: 'n=3' });
    expect(toA.scope).toEqual({ hook: { out: { count: 3 } } });
    expect(toA.correlationId).toBe('c1');
    // Without a transform, the data passes through.
    expect(planned.find((m) => m.componentId === 'b')!.content).toEqual({ count: 3 });
  });

  it('derives the same ids when the same parent is processed again', async () => {
    const input = { outEdges: indexOutEdges(flow), parent, senderId: 'hook', sends: [{ port: 'out', data: { count: 1 } }, { port: 'out', data: { count: 2 } }] };
    const { messages: first } = await planRoutes(input);
    const { messages: again } = await planRoutes(input);
    expect(again.map((m) => m.id)).toEqual(first.map((m) => m.id));
    expect(new Set(first.map((m) => m.id)).size).toBe(4);
  });

  it('fails without retry when a mapping cannot be evaluated', async () => {
    const broken = FlowDescriptor.parse({
      hook: { type: 'weft.utils.http.Webhook' },
      a: { type: 'weft.utils.transform.Set', source: { in: { hook: ['out'] } }, config: { transform: { in: { hook: { out: { type: 'json2new', lambda: { n: '{{{$.hook.out.count | nope}}}' } } } } } } },
    });
    await expect(planRoutes({ outEdges: indexOutEdges(broken), parent, senderId: 'hook', sends: [{ port: 'out', data: {} }] })).rejects.toMatchObject({ retry: 'never' });
  });

  it('stores a big output once and lets every message refer to it by hash', async () => {
    const body = { count: 7, list: Array.from({ length: 5000 }, (_, i) => i) };
    const { messages, values } = await planRoutes({ outEdges: indexOutEdges(flow), parent, senderId: 'hook', sends: [{ port: 'out', data: body }] });
    expect(values).toHaveLength(1);
    expect(JSON.parse(values[0]!.json)).toEqual(body);
    for (const message of messages) {
      expect(message.scope).toEqual({});
      expect(message.refs).toEqual({ hook: { out: values[0]!.hash } });
      expect(message.upstream).toBeUndefined();
    }
    // The mapping still read the value itself.
    expect(messages.find((m) => m.componentId === 'a')!.content).toEqual({ n: 7, text: 'n=7' });
  });

  it('keeps the inline part of a scope under its budget, moving later outputs to references', async () => {
    const limits = { ...DEFAULT_PLAN_LIMITS, entryBytes: 100, inlineBytes: 150 };
    const small = { text: 'x'.repeat(60) };
    const first = await planRoutes({ outEdges: indexOutEdges(flow), parent, senderId: 'hook', sends: [{ port: 'out', data: small }], limits });
    expect(first.values).toHaveLength(0);
    const child = first.messages[0]!;
    const second = await planRoutes({ outEdges: indexOutEdges(chain), parent: child, senderId: 'a', sends: [{ port: 'out', data: small }], limits });
    expect(second.values).toHaveLength(1);
    expect(second.messages[0]!.scope).toEqual({ hook: { out: small } });
    expect(second.messages[0]!.refs).toEqual({ a: { out: second.values[0]!.hash } });
  });

  it('refuses a plan with more messages than the limit, saying so', async () => {
    const limits = { ...DEFAULT_PLAN_LIMITS, maxMessages: 3 };
    const sends = [1, 2].map((count) => ({ port: 'out', data: { count } }));
    await expect(planRoutes({ outEdges: indexOutEdges(flow), parent, senderId: 'hook', sends, limits })).rejects.toMatchObject({ code: 'component.too_many_sends', retry: 'never' });
  });

  it('refuses a message whose content is larger than the limit', async () => {
    const limits = { ...DEFAULT_PLAN_LIMITS, maxContentBytes: 1000 };
    const sends = [{ port: 'out', data: { text: 'x'.repeat(2000) } }];
    await expect(planRoutes({ outEdges: indexOutEdges(flow), parent, senderId: 'hook', sends, limits })).rejects.toMatchObject({ code: 'message.too_large' });
  });
});

const chain = FlowDescriptor.parse({
  hook: { type: 'weft.utils.http.Webhook' },
  a: { type: 'weft.utils.transform.Set', source: { in: { hook: ['out'] } } },
  b: { type: 'weft.utils.transform.Set', source: { in: { a: ['out'] } } },
});

