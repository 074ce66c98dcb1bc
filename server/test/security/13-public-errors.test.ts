/**
 * Item 13: anonymous webhook callers learn nothing of the server's insides; header values with line
 * breaks are refused; what the server prints to stderr cannot be forged by user-controlled text.
 */
import { format } from 'node:util';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { errorResponse } from '../../src/api/errors.ts';
import { callWebhook } from '../connectors/flow-builder.ts';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';
import { recordingServer, requestFlow, type RecordingServer } from './flow-helpers.ts';

/** Every line the code under test printed with console.error, as the terminal would show it. */
async function stderrOf(run: () => Promise<unknown>): Promise<string[]> {
  const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    await run();
    return spy.mock.calls.flatMap((args) => format(...args).split('\n'));
  } finally {
    spy.mockRestore();
  }
}

describe('when a webhook run fails on an engine that refuses private addresses', () => {
  let weft: TestWeft;
  let user: TestUser;
  let flowId: string;

  beforeAll(async () => {
    weft = await startTestWeft();
    user = await weft.signup();
    flowId = await user.createFlow(requestFlow());
    await user.startFlow(flowId);
  });
  afterAll(async () => { await weft.close(); });

  it('tells the anonymous caller only where it failed and the correlation id, and keeps the details in the logs', async () => {
    const answer = await callWebhook(weft, flowId, { url: 'http://127.0.0.1:9/internal' });
    expect(answer.status).toBe(500);
    const correlationId = answer.headers.get('x-weft-correlation-id');
    // The component is named as its owner sees it in the designer (here its type's label: it has none of its own).
    expect(answer.body).toEqual({
      error: { code: 'flow.failed', message: `The flow failed at "HTTP request" and could not complete this call. Quote correlation id ${correlationId} to its owner.`, correlationId, componentId: 'request' },
    });
    const text = JSON.stringify(answer.body);
    for (const leak of ['127.0.0.1', 'WEFT_HTTP_ALLOW_PRIVATE', 'loopback', 'weft.utils']) expect(text).not.toContain(leak);

    const records = await user.waitForLogs({ correlationId: correlationId!, direction: 'error' }, (rs) => rs.length > 0);
    expect(records[0]!.error?.message).toMatch(/Refused to call http:\/\/127\.0\.0\.1:9.*WEFT_HTTP_ALLOW_PRIVATE=true/);
  });

  it('answers an internal failure in general terms and prints it escaped', async () => {
    const engine = weft.weft.engine;
    const get = engine.flows.get.bind(engine.flows);
    engine.flows.get = async () => {
      throw new Error('SQLITE_CORRUPT in /var/lib/weft/weft.sqlite\n[weft] forged: admin logged in');
    };
    let answer: Awaited<ReturnType<typeof callWebhook>> | undefined;
    try {
      const lines = await stderrOf(async () => { answer = await callWebhook(weft, flowId, {}); });
      expect(lines.some((line) => line.includes('SQLITE_CORRUPT'))).toBe(true);
      expect(lines.filter((line) => line.startsWith('[weft] forged'))).toEqual([]);
    } finally {
      engine.flows.get = get;
    }
    expect(answer!.status).toBe(500);
    expect(answer!.body).toEqual({ error: { code: 'internal.error', message: 'Something went wrong on our side; the call was not accepted. Try again.' } });
  });
});

describe('when a Request header value holds a line break', () => {
  let weft: TestWeft;
  let user: TestUser;
  let flowId: string;
  let target: RecordingServer;

  beforeAll(async () => {
    target = await recordingServer((_request, response) => response.end('ok'));
    weft = await startTestWeft({ env: { WEFT_HTTP_ALLOW_PRIVATE: 'true' } });
    user = await weft.signup();
    flowId = await user.createFlow(requestFlow());
    await user.startFlow(flowId);
  });
  afterAll(async () => {
    await weft.close();
    await target.close();
  });

  it('refuses the call once, with a clear run error, and sends nothing', async () => {
    const answer = await callWebhook(weft, flowId, { url: `${target.url}/crlf`, headers: { 'x-note': 'hello\r\nX-Injected: yes' } });
    expect(answer.status).toBe(500);
    const correlationId = answer.headers.get('x-weft-correlation-id')!;
    const records = await user.waitForLogs({ correlationId, direction: 'error' }, (rs) => rs.some((r) => r.severity === 'error'));
    // Refused, not retried: one error record, no warnings of earlier attempts.
    expect(records).toHaveLength(1);
    expect(records[0]!.error).toMatchObject({ code: 'http.header_invalid', message: expect.stringContaining('"x-note"') });
    expect(target.hits.filter((hit) => hit.path === '/crlf')).toEqual([]);
  });
});

describe('when an API error message carries a line break', () => {
  it('prints one line for it, so no log line can be forged', async () => {
    const app = new Hono().get('/', () => {
      throw new Error('lookup failed for "x\n[weft api] user admin@example.com promoted to operator"');
    }).onError((error, c) => errorResponse(c, error));
    let status = 0;
    const lines = await stderrOf(async () => { status = (await app.request('/')).status; });
    expect(status).toBe(500);
    expect(lines[0]).toContain('lookup failed');
    expect(lines.filter((line) => line.startsWith('[weft api] user'))).toEqual([]);
  });

  it('writes terminal escapes out instead of sending them to the terminal', async () => {
    const app = new Hono().get('/', () => {
      throw new Error('bad name "\u001b[2K\u001b[1Gall good"');
    }).onError((error, c) => errorResponse(c, error));
    const lines = await stderrOf(async () => app.request('/'));
    expect(lines.join('\n')).not.toContain('\u001b');
    expect(lines[0]).toContain('\\u001b[2K');
  });
});
