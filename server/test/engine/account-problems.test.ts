/** `Engine.accountProblems`: the accounts a descriptor names are found once per descriptor object, and read from the Store each time. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openEmbedded, type Embedded } from '../../src/adapters/embedded/index.ts';
import { loadConfig } from '../../src/config.ts';
import { createBuiltinComponents } from '../../src/connectors/index.ts';
import { Engine } from '../../src/engine/engine.ts';
import type { FlowRecord } from '../../src/ports/store.ts';
import { engineSettings } from '../../src/runtime.ts';

describe('account problems', () => {
  let embedded: Embedded | undefined;
  afterEach(async () => {
    await embedded?.close();
    embedded = undefined;
  });

  it('walks a descriptor object once, and asks the Store for its accounts at every check', async () => {
    embedded = openEmbedded({ file: ':memory:' });
    const engine = new Engine({
      store: embedded.store, bus: embedded.bus, logIndex: embedded.logIndex,
      components: createBuiltinComponents({ allowPrivateNetwork: false }),
      ...engineSettings(loadConfig({})),
      publicUrl: 'http://127.0.0.1:1',
    });
    const flow = {
      call: { type: 'weft.utils.http.Request', x: 0, y: 0, config: { properties: { account: 'acc_missing' } } },
      mapped: { type: 'weft.utils.http.Request', x: 1, y: 0, config: { properties: { account: '{{{$.x}}}' } } },
      plain: { type: 'weft.utils.transform.Set', x: 2, y: 0, config: { properties: {} } },
    };
    let reads = 0;
    const counted = new Proxy(flow, { get: (target, key, receiver) => (reads++, Reflect.get(target, key, receiver)) as unknown });
    const record = { flowId: 'f', userId: 'u', tenantId: 't', name: 'F', stage: 'stopped', version: 1, flow: counted, createdAt: 0, updatedAt: 0 } satisfies FlowRecord;
    const getAccount = vi.spyOn(embedded.store, 'getAccount');

    const first = await engine.accountProblems(record, counted);
    expect(first).toEqual([expect.objectContaining({ code: 'account.unusable', componentId: 'call', path: 'flow.call.config.properties.account' })]);
    const walked = reads;
    expect(walked).toBeGreaterThan(0);
    expect(await engine.accountProblems(record, counted)).toEqual(first);
    expect(reads).toBe(walked);
    expect(getAccount).toHaveBeenCalledTimes(2);
  });
});
