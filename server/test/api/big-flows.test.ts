/**
 * Big flows through the API: a flow above `WEFT_FLOW_THREAD_ABOVE` components is parsed and
 * validated in the flow checks thread, and answers exactly as one checked on the engine's thread
 * (same 400/422 codes, problems and paths) at save, validate, start and run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';

/** hook → s1 … sN → reply; `broken` adds an unknown type, an unknown port and a missing source. */
function chain(n: number, broken = false): Record<string, unknown> {
  const flow: Record<string, unknown> = { hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 } };
  let previous = 'hook';
  for (let i = 1; i <= n; i++) {
    const reads = i === 1 ? '{{{$.hook.out.body.n}}}' : `{{{$.${previous}.out.n}}}`;
    flow[`s${i}`] = {
      type: 'weft.utils.transform.Set', x: i, y: 0, source: { in: { [previous]: ['out'] } },
      config: { transform: { in: { [previous]: { out: { type: 'json2new', lambda: { values: { step: i, n: reads } } } } } } },
    };
    previous = `s${i}`;
  }
  flow.reply = {
    type: 'weft.utils.http.Response', x: n + 1, y: 0, source: { in: { [previous]: ['out'] } },
    config: { transform: { in: { [previous]: { out: { type: 'json2new', lambda: { body: `{{{$.${previous}.out}}}` } } } } } },
  };
  if (broken) {
    flow.ghost = { type: 'weft.nothing.Here', x: 0, y: 2 };
    flow.stray = { type: 'weft.utils.transform.Set', x: 1, y: 2, source: { nope: { s1: ['out'] }, in: { missing: ['out'] } } };
  }
  return flow;
}

describe('when a flow is big enough to be checked in a thread', () => {
  let threaded: TestWeft;
  let inPlace: TestWeft;
  const users: Record<'threaded' | 'inPlace', TestUser | undefined> = { threaded: undefined, inPlace: undefined };
  beforeAll(async () => {
    [threaded, inPlace] = await Promise.all([
      startTestWeft({ env: { WEFT_FLOW_THREAD_ABOVE: '20', WEFT_FLOW_THREAD_WARM: 'true' } }),
      startTestWeft({ env: { WEFT_FLOW_THREAD_ABOVE: '0' } }),
    ]);
    users.threaded = await threaded.signup();
    users.inPlace = await inPlace.signup();
  });
  afterAll(() => Promise.all([threaded.close(), inPlace.close()]));

  /** The same calls on both engines; the answers with the ids that differ between them taken out. */
  async function both(call: (user: TestUser) => Promise<unknown>): Promise<[unknown, unknown]> {
    return [await call(users.threaded!), await call(users.inPlace!)];
  }

  it('has its thread loaded right after start-up, before any flow needs it (one thread, reused)', async () => {
    await threaded.weft.flowChecksWarm;
    expect(threaded.weft.flowChecks?.threadsStarted).toBe(1);
    const flowId = await users.threaded!.createFlow(chain(60), 'first big flow');
    expect((await users.threaded!.call('GET', `/flows/${flowId}/validate`)).body).toEqual({ valid: true, problems: [] });
    expect(threaded.weft.flowChecks?.threadsStarted).toBe(1);
    // Checking in place (WEFT_FLOW_THREAD_ABOVE=0): no thread at all, nothing to warm.
    await inPlace.weft.flowChecksWarm;
    expect(inPlace.weft.flowChecks).toBeUndefined();
  });

  it('refuses a malformed one with the same flow.schema error and path', async () => {
    const flow = { ...chain(60), 'bad id!': { type: 'weft.utils.transform.Set', x: 'left', y: 0 } };
    const [there, here] = await both(async (user) => {
      const answer = await user.call('POST', '/flows', { name: 'malformed', flow });
      return { status: answer.status, body: answer.body };
    });
    expect(there).toMatchObject({ status: 400, body: { error: { code: 'flow.schema' } } });
    expect(there).toEqual(here);
  });

  it('reports the same problems with their paths on validate, and the same 422 on start', async () => {
    const [there, here] = await both(async (user) => {
      const flowId = await user.createFlow(chain(60, true), 'broken');
      const validated = await user.call('GET', `/flows/${flowId}/validate`);
      const started = await user.call('POST', `/flows/${flowId}/start`);
      return { validated: [validated.status, validated.body], started: [started.status, started.body.error] };
    });
    expect(there).toMatchObject({ validated: [200, { valid: false }], started: [422, { code: 'flow.invalid' }] });
    const problems = (there as { validated: [number, { problems: { code: string; path: string }[] }] }).validated[1].problems;
    expect(problems.map((p) => [p.code, p.path])).toEqual(expect.arrayContaining([
      ['component.unknown_type', 'flow.ghost.type'],
      ['port.unknown', 'flow.stray.source.nope'],
      ['edge.missing_component', 'flow.stray.source.in.missing'],
    ]));
    expect(there).toEqual(here);
  });

  it('saves, starts and runs a valid one as the engine thread would', async () => {
    const [there, here] = await both(async (user) => {
      const flowId = await user.createFlow(chain(60), 'valid');
      const read = await user.call('GET', `/flows/${flowId}`);
      const validated = await user.call('GET', `/flows/${flowId}/validate`);
      const started = await user.call('POST', `/flows/${flowId}/start`);
      const ran = await user.call('POST', `/flows/${flowId}/components/hook`, { n: 7 });
      return { flow: read.body.flow, validated: validated.body, started: started.status, ran: [ran.status, ran.body] };
    });
    expect(there).toMatchObject({ validated: { valid: true, problems: [] }, started: 200, ran: [200, { step: 60, n: 7 }] });
    expect(there).toEqual(here);
  });
});
