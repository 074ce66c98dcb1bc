/**
 * Item 17 (issue 14): an account's secret never leaves its sealed form. A flow calls an API with a
 * Bearer account, once accepted and once refused by an API that echoes the token it got; then the
 * SQLite files, the log index and every API answer of that run are searched for the token.
 */
import { readdirSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callWebhook, node, REQUEST, reply, WEBHOOK } from '../connectors/flow-builder.ts';
import { startTestWeft, type HttpResult, type TestUser, type TestWeft } from '../harness.ts';

const TOKEN = 'acct-tok-7Qz9vX2mL4';

describe('when a flow uses a Bearer account', () => {
  let api: Server;
  let apiUrl: string;
  let weft: TestWeft;
  let user: TestUser;
  const dataDir = mkdtempSync(join(tmpdir(), 'weft-account-secrets-'));
  /** Every API answer of the scenario, to search. */
  const answers: HttpResult[] = [];
  const record = <T extends HttpResult>(answer: T): T => {
    answers.push(answer);
    return answer;
  };
  let accepted: HttpResult;
  let refused: HttpResult;
  let flowId: string;

  beforeAll(async () => {
    api = createServer((request, response) => {
      const ok = request.headers.authorization === `Bearer ${TOKEN}` && request.url === '/orders';
      // A careless API: its error echoes the credentials it was given.
      response.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      response.end(JSON.stringify(ok ? { orders: [1, 2] } : { error: `token ${TOKEN} is not allowed here`, got: request.headers.authorization }));
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;

    weft = await startTestWeft({ dataDir, env: { WEFT_HTTP_ALLOW_PRIVATE: 'true', WEFT_WEBHOOK_TIMEOUT_MS: '8000' } });
    user = await weft.signup();
    const account = record(await user.call('POST', '/accounts', { type: 'bearer', name: 'Orders API', fields: { token: TOKEN }, testUrl: `${apiUrl}/orders` }));
    expect(account.status).toBe(201);
    record(await user.call('POST', `/accounts/${account.body.id}/test`, {}));
    flowId = await user.createFlow({
      hook: node(WEBHOOK),
      request: node(REQUEST, ['hook.out'], { lambda: { url: '{{{$.hook.out.body.url}}}' }, properties: { account: account.body.id } }),
      reply: reply('request.out', '{{{$.request.out.body}}}'),
    });
    await user.startFlow(flowId);
    accepted = record(await callWebhook(weft, flowId, { url: `${apiUrl}/orders` }));
    refused = record(await callWebhook(weft, flowId, { url: `${apiUrl}/elsewhere` }));
    // A designer test run too.
    record(await user.call('POST', `/flows/${flowId}/test`, { componentId: 'hook', data: { body: { url: `${apiUrl}/elsewhere` } } }));
    await user.waitForLogs({ flowId, direction: 'error', severity: 'error' }, (records) => records.length >= 2);
    for (const path of ['/accounts', `/accounts/${account.body.id}`, `/flows/${flowId}`, `/logs?flowId=${flowId}&limit=1000`, '/unprocessed-messages?limit=200']) {
      record(await user.call('GET', path));
    }
    const parked = record(await user.call('GET', '/unprocessed-messages?limit=200'));
    for (const item of parked.body.items as { id: string }[]) record(await user.call('GET', `/unprocessed-messages/${item.id}`));
    record(await user.call('GET', `/logs?q=${encodeURIComponent(TOKEN)}`));
    await weft.close();
  });

  afterAll(async () => {
    api.closeAllConnections();
    await new Promise((resolve) => api.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('calls the API with the token: the accepted run answers, the refused one is parked', () => {
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ orders: [1, 2] });
    expect(refused.status).toBe(500);
    const parked = answers.find((answer) => Array.isArray((answer.body as { items?: unknown })?.items) && JSON.stringify(answer.body).includes('answered 401'));
    expect(parked, 'the refused call is in the unprocessed messages').toBeDefined();
  });

  it('shows the token in no API answer of the run', () => {
    expect(answers.length).toBeGreaterThan(10);
    for (const answer of answers) expect(JSON.stringify(answer.body)).not.toContain(TOKEN);
    // The error the API echoed is there, with the token hidden.
    expect(answers.some((answer) => JSON.stringify(answer.body).includes('token [redacted] is not allowed here'))).toBe(true);
  });

  it('leaves the token in no SQLite file of the data folder (store, bus, log index, their journals)', () => {
    const files = readdirSync(dataDir);
    expect(files).toEqual(expect.arrayContaining(['weft.sqlite', 'logs.sqlite']));
    const needle = Buffer.from(TOKEN);
    for (const file of files) {
      const bytes = readFileSync(join(dataDir, file));
      expect(bytes.includes(needle), `${file} holds the token`).toBe(false);
    }
  });

  it('finds nothing when the log index is searched for the token', () => {
    const search = answers.at(-1)!;
    expect(search.status).toBe(200);
    expect((search.body as { records: unknown[] }).records).toEqual([]);
  });
});
