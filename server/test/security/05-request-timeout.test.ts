/**
 * Item 5 (Request part): a server that accepts and never answers, or answers without end, must not
 * hold a delivery for longer than the engine allows.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callWebhook, node, reply, WEBHOOK } from '../connectors/flow-builder.ts';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';
import { recordingServer, REQUEST, requestFlow, type RecordingServer } from './flow-helpers.ts';

let silent: Server;
let silentUrl: string;
const sockets = new Set<Socket>();
let chatty: RecordingServer;

beforeAll(async () => {
  // Accepts the connection, reads the request, never says a word.
  silent = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  // Answers far more than the engine reads, without a Content-Length.
  chatty = await recordingServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    for (let i = 0; i < 50; i++) response.write('x'.repeat(1000));
    response.end();
  });
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
  await chatty.close();
});

describe('http.Request against a server that never answers', () => {
  let weft: TestWeft;
  let user: TestUser;
  let flowId: string;

  beforeAll(async () => {
    weft = await startTestWeft({
      env: {
        WEFT_HTTP_ALLOW_PRIVATE: 'true', WEFT_HTTP_TIMEOUT_MS: '300', WEFT_HTTP_MAX_TIMEOUT_MS: '600', WEFT_HTTP_MAX_RESPONSE_BYTES: '10000',
        WEFT_WEBHOOK_TIMEOUT_MS: '8000', WEFT_MAX_ATTEMPTS: '1',
      },
    });
    user = await weft.signup();
    flowId = await user.createFlow(requestFlow());
    await user.startFlow(flowId);
  });
  afterAll(async () => { await weft.close(); });

  const errorsOf = (path: string) => user.waitForLogs(
    { flowId, componentId: 'request', direction: 'error' },
    (records) => records.some((record) => record.error?.message.includes(path) === true),
    15_000,
  ).then((records) => records.filter((record) => record.error?.message.includes(path) === true));

  it('gives up after the engine default (WEFT_HTTP_TIMEOUT_MS) when the flow sets no timeout', async () => {
    const answer = await callWebhook(weft, flowId, { url: `${silentUrl}/no-timeout` });
    expect(answer.status).toBe(500);
    const [error] = await errorsOf('/no-timeout');
    expect(error!.error?.message).toContain('timed out after 300 ms');
  }, 30_000);

  it('lowers a larger timeout built from variables to WEFT_HTTP_MAX_TIMEOUT_MS', async () => {
    const answer = await callWebhook(weft, flowId, { url: `${silentUrl}/huge-timeout`, timeoutMs: 3_600_000 });
    expect(answer.status).toBe(500);
    const [error] = await errorsOf('/huge-timeout');
    expect(error!.error?.message).toMatch(/timed out after 600 ms \(the engine's maximum; the flow asked for 3600000 ms\)/);
  }, 30_000);

  it('refuses an answer larger than WEFT_HTTP_MAX_RESPONSE_BYTES with a clear error', async () => {
    const answer = await callWebhook(weft, flowId, { url: `${chatty.url}/big` });
    expect(answer.status).toBe(500);
    const [error] = await errorsOf('/big');
    expect(error!.error).toMatchObject({ code: 'http.response_too_large', message: expect.stringContaining('more than 10000 bytes') });
  }, 30_000);

  it('refuses to save a flow whose literal timeout is above the maximum', async () => {
    const flow = {
      hook: node(WEBHOOK),
      request: node(REQUEST, ['hook.out'], { lambda: { url: `${silentUrl}/literal`, timeoutMs: 3_600_000 } }),
      reply: reply('request.out', '{{{$.request.out}}}'),
    };
    const created = await user.call('POST', '/flows', { name: 'Waits an hour', flow });
    expect(created.status).toBe(422);
    expect(created.body.error).toMatchObject({
      code: 'flow.invalid', path: 'body.flow.request.config.transform.in.hook.out.lambda.timeoutMs', message: expect.stringContaining('at most 600 ms'),
    });
    const ok = await user.call('POST', '/flows', { name: 'Waits a bit', flow: { ...flow, request: node(REQUEST, ['hook.out'], { lambda: { url: `${silentUrl}/literal`, timeoutMs: 500 } }) } });
    expect(ok.status).toBe(201);
    const updated = await user.call('PUT', `/flows/${ok.body.flowId}`, { version: 1, flow });
    expect(updated.status).toBe(422);
  });
});
