import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWeft, type TestWeft } from '../harness.ts';
import { callWebhook, failureOf, requestFlow } from './flow-builder.ts';

let api: Server;
let apiUrl: string;
const hits = new Map<string, number>();

async function readBody(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
}

beforeAll(async () => {
  api = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    void readBody(request).then((body) => {
      if (path === '/echo') {
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-seen': 'yes' });
        response.end(JSON.stringify({ method: request.method, contentType: request.headers['content-type'] ?? null, token: request.headers['x-token'] ?? null, body }));
      } else if (path === '/text') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end('plain words');
      } else if (path === '/redirect') {
        response.writeHead(302, { location: '/echo' });
        response.end();
      } else if (path === '/slow') {
        setTimeout(() => response.end('late'), 2000);
      } else if (path.startsWith('/broken')) {
        response.writeHead(503);
        response.end('down for maintenance');
      } else {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: 'no such thing' }));
      }
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});

afterAll(async () => {
  api.closeAllConnections();
  await new Promise((resolve) => api.close(resolve));
});


describe('http.Request on an engine that may call private addresses', () => {
  let weft: TestWeft;
  let flowId: string;
  let user: Awaited<ReturnType<TestWeft['signup']>>;

  beforeAll(async () => {
    weft = await startTestWeft({ env: { WEFT_HTTP_ALLOW_PRIVATE: 'true', WEFT_WEBHOOK_TIMEOUT_MS: '8000' } });
    user = await weft.signup();
    flowId = await user.createFlow(requestFlow());
    await user.startFlow(flowId);
  });
  afterAll(async () => { await weft.close(); });

  it('sends an object body as JSON and parses a JSON answer', async () => {
    const answer = await callWebhook(weft, flowId, { method: 'POST', url: `${apiUrl}/echo`, headers: { 'x-token': 's3cret' }, payload: { name: 'Ann' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: 200,
      headers: { 'x-seen': 'yes' },
      body: { method: 'POST', contentType: 'application/json', token: 's3cret', body: '{"name":"Ann"}' },
    });
  });

  it('keeps a text answer as text and follows redirects', async () => {
    expect((await callWebhook(weft, flowId, { url: `${apiUrl}/text` })).body).toMatchObject({ status: 200, body: 'plain words' });
    expect((await callWebhook(weft, flowId, { method: 'GET', url: `${apiUrl}/redirect` })).body).toMatchObject({ status: 200, body: { method: 'GET' } });
  });

  it('stops at a 4xx answer without retrying', async () => {
    hits.delete('/missing');
    const answer = await callWebhook(weft, flowId, { url: `${apiUrl}/missing` });
    expect(answer.status).toBe(500);
    const records = await user.waitForLogs({ flowId, componentId: 'request', direction: 'error' }, (rs) => rs.some((r) => r.payload !== null && JSON.stringify(r.error).includes('/missing')));
    const errors = records.filter((r) => JSON.stringify(r.error).includes('/missing'));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.error).toMatchObject({ code: 'component.cancelled', message: expect.stringContaining('answered 404') });
    expect(hits.get('/missing')).toBe(1);
  });

  it('retries a 5xx answer until the last attempt', async () => {
    const answer = await callWebhook(weft, flowId, { url: `${apiUrl}/broken-a` });
    expect(answer.status).toBe(500);
    // WEFT_MAX_ATTEMPTS is 3 in the harness.
    expect(hits.get('/broken-a')).toBe(3);
    const records = await user.waitForLogs({ flowId, componentId: 'request', direction: 'error' }, (rs) => rs.filter((r) => JSON.stringify(r.error).includes('/broken-a')).length === 3);
    expect(records.filter((r) => JSON.stringify(r.error).includes('/broken-a')).map((r) => r.severity).sort()).toEqual(['error', 'warn', 'warn']);
  });

  it('gives up on a slow server after timeoutMs and says so', async () => {
    const answer = await callWebhook(weft, flowId, { url: `${apiUrl}/slow`, timeoutMs: 200 });
    expect(answer.status).toBe(500);
    expect(await failureOf(user, answer)).toContain('timed out after 200 ms');
  });
});

describe('http.Request on a default engine', () => {
  it('refuses to call 127.0.0.1 and says why in the logs', async () => {
    const weft = await startTestWeft();
    try {
      const user = await weft.signup();
      const flowId = await user.createFlow(requestFlow());
      await user.startFlow(flowId);
      hits.delete('/echo-refused');
      const answer = await callWebhook(weft, flowId, { url: `${apiUrl}/echo-refused` });
      expect(answer.status).toBe(500);
      const records = await user.waitForLogs({ flowId, componentId: 'request', direction: 'error' }, (rs) => rs.length > 0);
      expect(records).toHaveLength(1);
      expect(records[0]!.error).toMatchObject({ code: 'component.cancelled', message: expect.stringMatching(/Refused to call http:\/\/127\.0\.0\.1:\d+: 127\.0\.0\.1 is a loopback address.*WEFT_HTTP_ALLOW_PRIVATE=true/) });
      expect(hits.get('/echo-refused')).toBeUndefined();
    } finally {
      await weft.close();
    }
  });
});
