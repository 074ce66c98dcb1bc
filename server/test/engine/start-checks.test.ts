/**
 * `POST /flows/:id/start` publishes a changed draft, then starts it: the descriptor is checked once
 * (when published), not again by the start that follows; any other start still checks it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseFlow } from '@weft/flow';
import { openEmbedded, type Embedded } from '../../src/adapters/embedded/index.ts';
import { loadConfig } from '../../src/config.ts';
import { createBuiltinComponents } from '../../src/connectors/index.ts';
import { Engine } from '../../src/engine/engine.ts';
import type { FlowRecord } from '../../src/ports/store.ts';
import { engineSettings } from '../../src/runtime.ts';

function hookAndSet(): Record<string, unknown> {
  const parsed = parseFlow({
    hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
    set: { type: 'weft.utils.transform.Set', x: 1, y: 0, source: { in: { hook: ['out'] } }, config: { transform: {} } },
  });
  if (!parsed.ok) throw new Error('the flow has the right shape');
  return parsed.value;
}

describe('starting a flow', () => {
  let embedded: Embedded | undefined;
  afterEach(async () => {
    await embedded?.close();
    embedded = undefined;
  });

  async function engineWithFlow(): Promise<{ engine: Engine; record: FlowRecord }> {
    embedded = openEmbedded({ file: ':memory:' });
    const engine = new Engine({
      store: embedded.store, bus: embedded.bus, logIndex: embedded.logIndex,
      components: createBuiltinComponents({ allowPrivateNetwork: false }),
      ...engineSettings(loadConfig({})),
      publicUrl: 'http://127.0.0.1:1',
    });
    const record: FlowRecord = { flowId: 'f', userId: 'u', tenantId: 't', name: 'flow', stage: 'stopped', version: 1, flow: hookAndSet(), createdAt: 0, updatedAt: 0 };
    await embedded.store.createFlow(record);
    return { engine, record };
  }

  it('checks the descriptor once when the start follows its publish, and at every other start', async () => {
    const { engine, record } = await engineWithFlow();
    const validate = vi.spyOn(engine, 'problems');
    const published = await engine.publishFlow(record, 1, 'u');
    if (!published.ok) throw new Error('published');
    expect(validate).toHaveBeenCalledTimes(1);
    const started = await engine.startFlow(published.flow);
    expect(started.stage).toBe('running');
    expect(validate).toHaveBeenCalledTimes(1);

    // Started again later (stopped in between), with the same record: checked this time.
    await engine.stopFlow(started);
    await engine.startFlow(published.flow);
    expect(validate).toHaveBeenCalledTimes(2);
  });
});
