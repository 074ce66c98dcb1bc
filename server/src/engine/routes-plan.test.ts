import { describe, expect, it } from 'vitest';
import { FlowDescriptor } from '@weft/flow';
import { indexOutEdges, planRoutes } from './routes-plan.ts';

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
    const planned = await planRoutes({ outEdges: indexOutEdges(flow), parent, senderId: 'hook', sends: [{ port: 'out', data: { count: 3 } }] });
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
    const first = await planRoutes(input);
    const again = await planRoutes(input);
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
});
