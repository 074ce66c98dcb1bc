import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '@weft/connector-kit';
import { buildContext, type ContextServices } from './component-context.ts';

const manifest = { name: 'test.Context', label: 'Context', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] } as unknown as Manifest;
const reads: string[] = [];
const store = new Proxy({}, { get: (_, name) => async (...args: unknown[]) => void reads.push(`${String(name)} ${args.join(' ')}`) });
const services = { store, now: () => 0, publicUrl: 'http://weft', maxSends: 2, log: () => {} } as unknown as ContextServices;
setFlagsFromString('--allow-natives-syntax');
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- V8's own check, only reachable this way
const hasFastProperties = new Function('object', 'return %HasFastProperties(object)') as (object: object) => boolean;

const build = () => buildContext({ services, userId: 'u', flowId: 'f', componentId: 'c', manifest, properties: {}, correlationId: 'k', causeId: 'm', port: 'in', attempt: 1, messages: {}, scope: {}, test: false });

describe('a component context', () => {
  // An object literal with getters (state, flowState, store) was built in dictionary mode: ~1.6 KB
  // and tens of µs each while thousands stay alive (a minute's fires received at once).
  it('is built with fast properties', () => {
    expect(hasFastProperties(build().context)).toBe(true);
  });

  it('lends functions a component may take out of it', async () => {
    const { context, sends } = build();
    // Taken out of the context on purpose: components do this.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const { sendJson, getWebhookUrl } = context;
    await sendJson({ a: 1 }, 'out');
    expect(sends).toEqual([{ port: 'out', data: { a: 1 } }]);
    expect(getWebhookUrl()).toBe('http://weft/flows/f/components/c');
  });

  it('refuses a send on an unknown port, or one too many, by rejecting', async () => {
    const { context, sends } = build();
    await expect(context.sendJson({}, 'nope')).rejects.toMatchObject({ code: 'component.unknown_port' });
    await context.sendJson(1, 'out');
    await context.sendJson(2, 'out');
    await expect(context.sendJson(3, 'out')).rejects.toMatchObject({ code: 'component.too_many_sends' });
    expect(sends).toHaveLength(2);
  });

  it('makes its state and data store APIs once, when first read, scoped to its component, flow and user', async () => {
    const { context } = build();
    expect(context.state).toBe(context.state);
    const { state, flowState, store: dataStore } = context;
    reads.length = 0;
    await state.get('x');
    await flowState.get('y');
    await dataStore.get('s', 'z');
    expect(reads).toEqual(['stateGet flow:f:component:c x', 'stateGet flow:f y', 'dataGet u s z']);
  });
});
