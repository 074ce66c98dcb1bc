/**
 * Issue 11, item 14: a webhook body nested 200,000 levels deep answered `503 bus.unavailable`, a
 * lambda as deep `500 internal.error` (JSON.parse copes with any depth, JSON.stringify and every
 * recursive walk overflow the stack). Bodies are refused before parsing with 400 `request.too_deep`;
 * mappings and templates nested too deep are reported as `variable.too_deep` problems (422
 * `flow.invalid`), and a value that becomes too deep during a run fails that run, never the server.
 */
import { MAX_LAMBDA_DEPTH } from '@weft/variables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, startTestWeft, type TestUser, type TestWeft } from '../harness.ts';
import { node, reply, WEBHOOK } from '../connectors/flow-builder.ts';

const DEEP = 200_000;
const deepJson = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** `{ x: [[…]] }` where the lambda itself is level 1. */
function lambdaNested(levels: number): Record<string, unknown> {
  let value: unknown = [];
  for (let i = 2; i < levels; i++) value = [value];
  return { x: value };
}

function post(weft: TestWeft, path: string, raw: string, token?: string) {
  return http<any>(`${weft.url}${path}`, { method: 'POST', raw, headers: { 'content-type': 'application/json' }, ...(token ? { token } : {}) }); // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('when input is nested too deep', () => {
  let weft: TestWeft;
  let user: TestUser;
  beforeAll(async () => {
    weft = await startTestWeft();
    user = await weft.signup();
  });
  afterAll(() => weft.close());

  describe('a webhook body', () => {
    it('is refused with 400 request.too_deep at body, and the engine serves the next call', async () => {
      const flowId = await user.createFlow({ hook: { type: WEBHOOK }, set: node('weft.utils.transform.Set', ['hook.out']) });
      await user.startFlow(flowId);
      const deep = await post(weft, `/flows/${flowId}/components/hook`, `{"list":${deepJson(DEEP)}}`);
      expect(deep.status).toBe(400);
      expect(deep.body.error).toMatchObject({ code: 'request.too_deep', path: 'body' });

      // Answered 204: the run ended without a Response component.
      const fine = await post(weft, `/flows/${flowId}/components/hook`, `{"list":${deepJson(60)}}`);
      expect(fine.status).toBe(204);
      expect((await http(`${weft.url}/health`)).status).toBe(200);
    });

    it('counts brackets inside strings as text', async () => {
      const flowId = await user.createFlow({ hook: { type: WEBHOOK }, set: node('weft.utils.transform.Set', ['hook.out']) });
      await user.startFlow(flowId);
      const text = await post(weft, `/flows/${flowId}/components/hook`, JSON.stringify({ text: deepJson(1000) }));
      expect(text.status).toBe(204);
    });
  });

  describe('an API body', () => {
    it('is refused with 400 request.too_deep at body, whatever the route', async () => {
      const flowRaw = `{"name":"deep","flow":{"set":{"type":"weft.utils.transform.Set","config":{"properties":{"x":${deepJson(DEEP)}}}}}}`;
      const created = await post(weft, '/flows', flowRaw, user.token);
      expect(created.status).toBe(400);
      expect(created.body.error).toMatchObject({ code: 'request.too_deep', path: 'body' });

      const flowId = await user.createFlow({ hook: { type: WEBHOOK } });
      const test = await post(weft, `/flows/${flowId}/test`, `{"componentId":"hook","data":${deepJson(DEEP)}}`, user.token);
      expect(test.status).toBe(400);
      expect(test.body.error.code).toBe('request.too_deep');
    });
  });

  describe('a mapping in a saved flow', () => {
    it('deeper than a mapping may nest is refused with 422 flow.invalid and the path to where it goes too deep', async () => {
      const flow = { hook: { type: WEBHOOK }, set: node('weft.utils.transform.Set', ['hook.out'], { lambda: lambdaNested(MAX_LAMBDA_DEPTH + 5) }) };
      const created = await user.call('POST', '/flows', { name: 'Too deep', flow });
      expect(created.status).toBe(422);
      const path = `body.flow.set.config.transform.in.hook.out.lambda.x${'.0'.repeat(MAX_LAMBDA_DEPTH - 1)}`;
      expect(created.body.error).toMatchObject({ code: 'flow.invalid', path });
      expect(created.body.error.details).toEqual([expect.objectContaining({ code: 'variable.too_deep', path, componentId: 'set' })]);

      const fine = await user.call('POST', '/flows', { name: 'Deep enough', flow: { ...flow, set: node('weft.utils.transform.Set', ['hook.out'], { lambda: lambdaNested(MAX_LAMBDA_DEPTH) }) } });
      expect(fine.status).toBe(201);
    });

    it('whose template nests modifier arguments too deep is a variable.too_deep problem, and start answers 422 flow.invalid', async () => {
      const flowId = await user.createFlow({
        hook: { type: WEBHOOK },
        answer: reply('hook.out', `{{{$.hook.out.body.missing | default(${deepJson(100_000)})}}}`),
      });
      const validation = await user.call('GET', `/flows/${flowId}/validate`);
      expect(validation.status).toBe(200);
      expect(validation.body.problems).toEqual([expect.objectContaining({ code: 'variable.too_deep', path: 'flow.answer.config.transform.in.hook.out.body', componentId: 'answer' })]);
      const started = await user.call('POST', `/flows/${flowId}/start`);
      expect(started.status).toBe(422);
      expect(started.body.error.code).toBe('flow.invalid');
      expect(started.body.error.details[0]).toMatchObject({ code: 'variable.too_deep', path: 'flow.answer.config.transform.in.hook.out.body' });
    });
  });

  describe('a value that becomes too deep during a run', () => {
    it.each([
      ['written into text', 'x {{{$.hook.out.body.text | jsonParse}}}'],
      ['stringified by a modifier', '{{{$.hook.out.body.text | jsonParse | jsonStringify}}}'],
    ])('%s fails the run once with variable.too_deep, not retried, and the engine serves the next call', async (_, template) => {
      const flowId = await user.createFlow({ hook: { type: WEBHOOK }, answer: reply('hook.out', template) });
      await user.startFlow(flowId);
      const run = await user.call('POST', `/flows/${flowId}/components/hook`, { text: deepJson(DEEP) });
      expect(run.status).toBe(500);
      const records = await user.waitForLogs({ flowId, severity: 'error' }, (found) => found.length > 0);
      expect(records.map((record) => record.error?.code)).toEqual(['variable.too_deep']);
      const next = await user.call('POST', `/flows/${flowId}/components/hook`, { text: '[1]' });
      expect(next.status).toBe(200);
    });

    it('sent on as a whole fails the run with bus.unserializable, not retried', async () => {
      const flowId = await user.createFlow({ hook: { type: WEBHOOK }, answer: reply('hook.out', '{{{$.hook.out.body.text | jsonParse}}}') });
      await user.startFlow(flowId);
      const run = await user.call('POST', `/flows/${flowId}/components/hook`, { text: deepJson(DEEP) });
      expect(run.status).toBe(500);
      const records = await user.waitForLogs({ flowId, severity: 'error' }, (found) => found.length > 0);
      expect(records.map((record) => [record.error?.code, record.error?.message])).toEqual([['bus.unserializable', 'A message nests arrays and objects too deeply to be sent on']]);
      expect((await http(`${weft.url}/health`)).status).toBe(200);
    });
  });
});
