import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '@weft/connector-kit';
import type { Store } from '../ports/store.ts';
import { buildContext, type ContextInput, type ContextServices } from './component-context.ts';

setFlagsFromString('--allow-natives-syntax');
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- V8's own check, only reachable this way
const hasFastProperties = new Function('object', 'return %HasFastProperties(object)') as (object: object) => boolean;

const manifest = { name: 'test.Context', label: 'Context', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] } as unknown as Manifest;

function input(): ContextInput {
  const services = {
    store: { stateGet: async () => 'kept' } as unknown as Store,
    now: () => 0, publicUrl: 'http://weft.test', maxSends: 10, log: () => {},
  } as unknown as ContextServices;
  return {
    services, userId: 'u', flowId: 'f', componentId: 'c', manifest, properties: {}, correlationId: 'r', causeId: 'm',
    port: 'in', attempt: 1, messages: {}, scope: {}, test: false,
  };
}

describe('buildContext', () => {
  // An object literal with getters (state, flowState, store) was built in dictionary mode: ~1.6 KB
  // and tens of µs each while thousands stay alive (a minute's fires received at once).
  it('builds a context with fast properties', () => {
    const { context } = buildContext(input());
    expect(hasFastProperties(context)).toBe(true);
  });

  it('makes state, flowState and store when first read, once each; its functions work taken off it', async () => {
    const { context, sends } = buildContext(input());
    expect(context.state).toBe(context.state);
    expect(context.flowState).toBe(context.flowState);
    expect(context.store).toBe(context.store);
    expect(context.state).not.toBe(context.flowState);
    expect(await context.state.get('key')).toBe('kept');
    // eslint-disable-next-line @typescript-eslint/unbound-method -- what is tested: a component may take them off its context
    const { sendJson, getWebhookUrl } = context;
    await sendJson({ a: 1 }, 'out');
    expect(sends).toEqual([{ port: 'out', data: { a: 1 } }]);
    expect(getWebhookUrl()).toBe('http://weft.test/flows/f/components/c');
    expect(context).toMatchObject({ flowId: 'f', userId: 'u', componentId: 'c', componentType: 'test.Context', attempt: 1, correlationId: 'r' });
  });
});
