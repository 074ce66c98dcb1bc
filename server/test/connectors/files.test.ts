import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';
import { callWebhook, failureOf, node, reply, WEBHOOK } from './flow-builder.ts';

describe('weft.files in a running flow (loaded as a first-party connector)', () => {
  let weft: TestWeft;
  let user: TestUser;
  let flowId: string;

  beforeAll(async () => {
    weft = await startTestWeft();
    user = await weft.signup();
    flowId = await user.createFlow({
      hook: node(WEBHOOK),
      parse: node('weft.files.CsvParse', ['hook.out'], { lambda: { csv: '{{{$.hook.out.body.csv}}}' } }),
      lines: node('weft.files.JsonLinesBuild', ['parse.out'], { lambda: { items: '{{{$.parse.out.rows}}}' } }),
      answer: reply('lines.out', { jsonl: '{{{$.lines.out.text}}}', count: '{{{$.parse.out.count}}}' }),
    });
    await user.startFlow(flowId);
  });

  afterAll(async () => {
    await weft?.close();
  });

  it('turns uploaded CSV into JSON Lines', async () => {
    const answer = await callWebhook(weft, flowId, { csv: 'sku,qty\nA-1,2\nB-7,5\n' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ jsonl: '{"sku":"A-1","qty":"2"}\n{"sku":"B-7","qty":"5"}\n', count: 2 });
  });

  it('fails the run with a sentence naming the broken line', async () => {
    const answer = await callWebhook(weft, flowId, { csv: 'sku,qty\nA-1,2,extra\n' });
    expect(answer.status).toBe(500);
    expect(await failureOf(user, answer)).toMatch(/CSV text cannot be read.*line 2/i);
  });
});
