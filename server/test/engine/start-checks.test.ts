/**
 * `POST /flows/:id/start` publishes a changed draft, then starts it: the descriptor is checked once
 * (when published), not again by the start that follows; any other start still checks it. The
 * accounts a descriptor names are found once per descriptor object, and read from the Store each time.
 */
import { embeddedEngine } from './embedded-engine.ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseFlow } from '@weft/flow';
import type { Embedded } from '../../src/adapters/embedded/index.ts';
import { Engine } from '../../src/engine/engine.ts';
import type { FlowRecord } from '../../src/ports/store.ts';
import { REUSE_PARSED_ABOVE } from '../../src/ports/descriptor-json.ts';

/** `noteChars`: a note that long in the Set's mapping, to make the descriptor big (over REUSE_PARSED_ABOVE). */
function hookAndSet(noteChars = 0): Record<string, unknown> {
  const transform = noteChars === 0 ? {} : { in: { hook: { out: { type: 'json2new', lambda: { note: 'x'.repeat(noteChars) } } } } };
  const parsed = parseFlow({
    hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
    set: { type: 'weft.utils.transform.Set', x: 1, y: 0, source: { in: { hook: ['out'] } }, config: { transform } },
  });
  if (!parsed.ok) throw new Error('the flow has the right shape');
  return parsed.value;
}

let embedded: Embedded | undefined;
afterEach(async () => {
  await embedded?.close();
  embedded = undefined;
});

/** An engine on an in-memory embedded file (closed after each test). */
function anEngine(): Engine {
  const made = embeddedEngine();
  embedded = made.embedded;
  return made.engine;
}

describe('starting a flow', () => {

  async function engineWithFlow(noteChars = 0): Promise<{ engine: Engine; record: FlowRecord }> {
    const engine = anEngine();
    const record: FlowRecord = { flowId: 'f', userId: 'u', tenantId: 't', name: 'flow', stage: 'stopped', version: 1, flow: hookAndSet(noteChars), createdAt: 0, updatedAt: 0 };
    await embedded!.store.createFlow(record);
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

  it('checks a big descriptor again at a start that does not follow its publish, though every read of its text shares one object', async () => {
    const { engine, record } = await engineWithFlow(REUSE_PARSED_ABOVE);
    const validate = vi.spyOn(engine, 'problems');
    const published = await engine.publishFlow((await embedded!.store.getFlow(record.flowId))!, 1, 'u');
    if (!published.ok) throw new Error('published');
    // Read again (another request): its published descriptor is the very object just published.
    const later = (await embedded!.store.getFlow(record.flowId))!;
    expect(later.publishedFlow).toBe(published.flow.publishedFlow);
    expect(validate).toHaveBeenCalledTimes(1);
    await engine.startFlow(later);
    expect(validate).toHaveBeenCalledTimes(2);
  });
});

/** `Engine.accountProblems`, which every start's check runs. */
describe('account problems', () => {
  it('walks a descriptor object once, and asks the Store for its accounts at every check', async () => {
    const engine = anEngine();
    const flow = {
      call: { type: 'weft.utils.http.Request', x: 0, y: 0, config: { properties: { account: 'acc_missing' } } },
      mapped: { type: 'weft.utils.http.Request', x: 1, y: 0, config: { properties: { account: '{{{$.x}}}' } } },
      plain: { type: 'weft.utils.transform.Set', x: 2, y: 0, config: { properties: {} } },
    };
    let reads = 0;
    const counted = new Proxy(flow, { get: (target, key, receiver) => (reads++, Reflect.get(target, key, receiver)) as unknown });
    const record = { flowId: 'f', userId: 'u', tenantId: 't', name: 'F', stage: 'stopped', version: 1, flow: counted, createdAt: 0, updatedAt: 0 } satisfies FlowRecord;
    const getAccount = vi.spyOn(embedded!.store, 'getAccount');

    const first = await engine.accountProblems(record, counted);
    expect(first).toEqual([expect.objectContaining({ code: 'account.unusable', componentId: 'call', path: 'flow.call.config.properties.account' })]);
    const walked = reads;
    expect(walked).toBeGreaterThan(0);
    expect(await engine.accountProblems(record, counted)).toEqual(first);
    expect(reads).toBe(walked);
    expect(getAccount).toHaveBeenCalledTimes(2);
  });
});
