import { describe, expect, it, vi } from 'vitest';
import { createApiClient, createSessionAuth } from './client.ts';
import { ApiError } from './api-error.ts';
import type { FetchLike } from './client.ts';

const flow = { flowId: 'f1', name: 'Invoices', stage: 'stopped', version: 3, createdAt: 1, updatedAt: 2, componentCount: 0, flow: {} };

function fakeFetch(answer: (url: string, init: RequestInit) => Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    return answer(url, init);
  };
  return { fetch, calls };
}
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the API client', () => {
  it('sends the bearer token, never cookies, and parses the answer', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { items: [], total: 0, limit: 50, offset: 0 }));
    const api = createApiClient({ baseUrl: 'https://weft.test/', getToken: () => 'tok', fetch });
    await expect(api.listFlows({ stage: 'running', search: '' })).resolves.toEqual({ items: [], total: 0, limit: 50, offset: 0 });
    expect(calls[0]!.url).toBe('https://weft.test/flows?stage=running');
    expect(calls[0]!.init.credentials).toBe('omit');
    expect((calls[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer tok');
  });

  it('lists the registered app events with the schemas of their data', async () => {
    const event = { name: 'deal.won', title: 'Deal won', schema: { type: 'object', properties: { amount: { type: 'number' } } }, updatedAt: 5 };
    const { fetch, calls } = fakeFetch(() => json(200, { items: [event] }));
    const api = createApiClient({ baseUrl: 'https://weft.test', fetch });
    await expect(api.listAppEvents()).resolves.toEqual({ items: [event] });
    expect(calls[0]!.url).toBe('https://weft.test/app-events');
    expect(calls[0]!.init.method).toBe('GET');
  });

  it('reads the token again on every request', async () => {
    const session: { token?: string } = {};
    const { fetch, calls } = fakeFetch(() => json(200, flow));
    const api = createApiClient({ baseUrl: '', getToken: () => session.token, fetch });
    await api.getFlow('f1');
    session.token = 'later';
    await api.getFlow('f 1');
    expect((calls[0]!.init.headers as Record<string, string>).authorization).toBeUndefined();
    expect((calls[1]!.init.headers as Record<string, string>).authorization).toBe('Bearer later');
    expect(calls[1]!.url).toBe('/flows/f%201');
  });

  it('does not send the token to the auth routes', async () => {
    const { fetch, calls } = fakeFetch(() => json(201, { token: 't', expiresAt: 9, user: { id: 'u', email: 'a@b.c', role: 'user', createdAt: 1 } }));
    const api = createApiClient({ baseUrl: '', getToken: () => 'old', fetch });
    const answer = await api.signup({ email: 'a@b.c', password: '12345678' });
    expect(answer.token).toBe('t');
    expect(calls[0]!.init.method).toBe('POST');
    expect(calls[0]!.init.body).toBe(JSON.stringify({ email: 'a@b.c', password: '12345678' }));
    expect((calls[0]!.init.headers as Record<string, string>).authorization).toBeUndefined();
  });

  describe('on a page served by the engine itself (session cookie)', () => {
    it('sends the session cookie and the CSRF header, and no bearer token', async () => {
      const { fetch, calls } = fakeFetch(() => json(200, flow));
      const api = createApiClient({ baseUrl: '', sessionCookie: true, fetch });
      await api.getFlow('f1');
      expect(calls[0]!.init.credentials).toBe('same-origin');
      expect(calls[0]!.init.headers).toMatchObject({ 'x-weft-csrf': '1' });
      expect((calls[0]!.init.headers as Record<string, string>).authorization).toBeUndefined();
    });

    it('opens the session asking for the cookie; the answer holds no token', async () => {
      const user = { id: 'u', email: 'a@b.c', role: 'user', createdAt: 1 };
      const { fetch, calls } = fakeFetch(() => json(200, { expiresAt: 9, user }));
      const auth = createSessionAuth({ baseUrl: '', fetch });
      await expect(auth.login({ email: 'a@b.c', password: '12345678' })).resolves.toEqual({ expiresAt: 9, user });
      expect(calls[0]!.url).toBe('/auth/login');
      expect(JSON.parse(calls[0]!.init.body as string)).toEqual({ email: 'a@b.c', password: '12345678', session: 'cookie' });
      expect(calls[0]!.init.credentials).toBe('same-origin');
      expect(calls[0]!.init.headers).toMatchObject({ 'x-weft-csrf': '1' });
    });
  });

  it('resolves undefined on 204', async () => {
    const { fetch } = fakeFetch(() => new Response(null, { status: 204 }));
    const api = createApiClient({ baseUrl: '', fetch });
    await expect(api.deleteFlow('f1')).resolves.toBeUndefined();
  });

  describe('when the version is stale', () => {
    it('throws an ApiError carrying the current flow', async () => {
      const { fetch } = fakeFetch(() => json(409, { error: { code: 'flow.conflict', message: 'stale', path: 'body.version' }, current: { ...flow, version: 4 } }));
      const api = createApiClient({ baseUrl: '', fetch });
      const error = await api.updateFlow('f1', { version: 3, name: 'x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 409, code: 'flow.conflict', path: 'body.version', current: { version: 4 } });
    });
  });

  it('turns error bodies, bad bodies and network failures into ApiErrors', async () => {
    const api1 = createApiClient({ baseUrl: '', fetch: fakeFetch(() => json(404, { error: { code: 'flow.not_found', message: 'no' } })).fetch });
    await expect(api1.getFlow('x')).rejects.toMatchObject({ status: 404, code: 'flow.not_found' });
    const api2 = createApiClient({ baseUrl: '', fetch: fakeFetch(() => new Response('oops', { status: 502 })).fetch });
    await expect(api2.getFlow('x')).rejects.toMatchObject({ status: 502, code: 'http.502', isRetryable: true });
    const api3 = createApiClient({ baseUrl: '', fetch: async () => { throw new TypeError('offline'); } });
    await expect(api3.health()).rejects.toMatchObject({ status: 0, code: 'network.failed' });
    const api4 = createApiClient({ baseUrl: '', fetch: fakeFetch(() => json(200, { nope: true })).fetch });
    await expect(api4.getFlow('x')).rejects.toMatchObject({ code: 'response.invalid' });
  });

  it('asks for a histogram on /logs', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { intervalMs: 60000, buckets: [{ start: 0, count: 2 }] }));
    const api = createApiClient({ baseUrl: '', fetch });
    const answer = await api.logHistogram({ flowId: 'f1', from: 0, to: 100, histogram: '1m' });
    expect(answer.buckets).toHaveLength(1);
    expect(calls[0]!.url).toBe('/logs?flowId=f1&from=0&to=100&histogram=1m');
  });

  describe('streamLogs', () => {
    const record = { id: 'r1', time: 1, flowId: 'f1', componentId: 'c', componentType: 't', port: 'in', direction: 'in', severity: 'info', correlationId: 'k', messageId: 'm', payload: { a: 1 }, truncated: false };

    it('parses log events split across chunks and stops when unsubscribed', async () => {
      const frame = `: hi\nid: 7\nevent: log\ndata: ${JSON.stringify(record)}\n\nevent: ping\ndata: x\n\n`;
      const encoder = new TextEncoder();
      let calls = 0;
      let seenInit: RequestInit | undefined;
      const fetch: FetchLike = async (_url, init) => {
        calls += 1;
        seenInit = init;
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(encoder.encode(frame.slice(0, 20)));
            controller.enqueue(encoder.encode(frame.slice(20)));
            // Keep the stream open like a real server would.
          },
        });
        return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
      };
      const api = createApiClient({ baseUrl: '', getToken: () => 'tok', fetch });
      const onRecord = vi.fn();
      const stop = api.streamLogs({ flowId: 'f1' }, onRecord);
      await vi.waitFor(() => expect(onRecord).toHaveBeenCalledTimes(1));
      expect(onRecord.mock.calls[0]![0]).toMatchObject({ id: 'r1', payload: { a: 1 } });
      expect((seenInit!.headers as Record<string, string>).authorization).toBe('Bearer tok');
      stop();
      expect(seenInit!.signal!.aborted).toBe(true);
      expect(calls).toBe(1);
    });

    it('reports an auth failure once and does not reconnect', async () => {
      let calls = 0;
      const fetch: FetchLike = async () => {
        calls += 1;
        return json(401, { error: { code: 'auth.required', message: 'log in' } });
      };
      const api = createApiClient({ baseUrl: '', fetch });
      const onError = vi.fn();
      const stop = api.streamLogs({}, () => undefined, { onError, reconnectDelayMs: 1 });
      await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(calls).toBe(1);
      expect(onError.mock.calls[0]![0]).toMatchObject({ code: 'auth.required' });
      stop();
    });
  });
});
