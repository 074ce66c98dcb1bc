/**
 * Plain webhook calls are answered by a node:http listener before Hono (api/webhook-listener.ts).
 * The same calls sent both ways (a percent-encoded component id is left to Hono, whose router decodes
 * it to the same component) get the same status, body and headers: JSON, forms, text, query, CORS,
 * the flow's own headers, and every refusal (malformed or too deep JSON, too large, unknown, stopped).
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookListener } from '../../src/api/webhook-listener.ts';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';

const lambda = (values: Record<string, unknown>) => ({ type: 'json2new', lambda: values });
const MAX_BODY = 4096;

const echoFlow = {
  hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
  reply: {
    type: 'weft.utils.http.Response', x: 200, y: 0, source: { in: { hook: ['out'] } },
    config: { transform: { in: { hook: { out: lambda({
      status: 201,
      headers: { 'X-Custom': 'yes', Vary: 'Accept' },
      body: { method: '{{{$.hook.out.method}}}', query: '{{{$.hook.out.query}}}', body: '{{{$.hook.out.body}}}', test: '{{{$.hook.out.headers.x-test}}}', auth: '{{{$.hook.out.headers.authorization}}}' },
    }) } } } },
  },
};

interface Answer { status: number; headers: Record<string, string | undefined>; body: unknown }

const COMPARED = ['content-type', 'access-control-allow-origin', 'access-control-expose-headers', 'vary', 'content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-custom', 'retry-after', 'connection'];

/** One raw HTTP call (chunked when `chunked`), its answer with the compared headers and the correlation id masked. */
function call(port: number, method: string, path: string, options: { headers?: Record<string, string>; body?: string; chunked?: boolean } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined && !options.chunked) headers['content-length'] = String(Buffer.byteLength(options.body));
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        let body: unknown = text;
        try {
          body = text === '' ? null : JSON.parse(text);
        } catch {
          // text
        }
        const masked = JSON.parse(JSON.stringify(body ?? null).replace(/"correlationId":"[^"]+"/g, '"correlationId":"…"')) as unknown;
        resolve({ status: res.statusCode ?? 0, headers: Object.fromEntries(COMPARED.map((name) => [name, [res.headers[name]].flat().join('; ') || undefined])), body: masked });
      });
    });
    req.on('error', reject);
    if (options.chunked && options.body !== undefined) {
      for (let i = 0; i < options.body.length; i += 1000) req.write(options.body.slice(i, i + 1000));
    } else if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

describe('webhook listener', () => {
  let weft: TestWeft;
  let user: TestUser;
  let flowId: string;
  let stoppedId: string;
  beforeAll(async () => {
    weft = await startTestWeft({ env: { WEFT_CORS_ORIGINS: 'https://host.example', WEFT_MAX_BODY_BYTES: String(MAX_BODY) } });
    user = await weft.signup();
    flowId = await user.createFlow(echoFlow);
    await user.startFlow(flowId);
    stoppedId = await user.createFlow(echoFlow);
  });
  afterAll(() => weft.close());

  const cases: [string, string, (ids: { flowId: string; stoppedId: string }) => string, Parameters<typeof call>[3]][] = [
    ['JSON', 'POST', ({ flowId }) => `/flows/${flowId}/components/HOOK`, { headers: { 'content-type': 'application/json', 'x-test': 'a', authorization: 'Bearer secret' }, body: '{"n":1,"who":"ada"}' }],
    ['a form', 'POST', ({ flowId }) => `/flows/${flowId}/components/HOOK`, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=two+words' }],
    ['text', 'PUT', ({ flowId }) => `/flows/${flowId}/components/HOOK`, { headers: { 'content-type': 'text/plain' }, body: 'hello' }],
    ['a query, no body, an allowed origin', 'GET', ({ flowId }) => `/flows/${flowId}/components/HOOK?a=1&a=2&b=x+y&c=%C3%A9`, { headers: { origin: 'https://host.example' } }],
    ['another origin', 'DELETE', ({ flowId }) => `/flows/${flowId}/components/HOOK`, { headers: { origin: 'https://evil.example' } }],
    ['malformed JSON', 'POST', ({ flowId }) => `/flows/${flowId}/components/HOOK`, { headers: { 'content-type': 'application/json' }, body: '{"n":' }],
    ['too deep JSON', 'POST', ({ flowId }) => `/flows/${flowId}/components/HOOK`, { headers: { 'content-type': 'application/json' }, body: `${'['.repeat(200)}${']'.repeat(200)}` }],
    ['a body over the limit', 'POST', ({ flowId }) => `/flows/${flowId}/components/HOOK`, { headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(MAX_BODY + 1) }],
    ['a chunked body over the limit', 'POST', ({ flowId }) => `/flows/${flowId}/components/HOOK`, { headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(MAX_BODY * 3), chunked: true }],
    ['a chunked body within it', 'POST', ({ flowId }) => `/flows/${flowId}/components/HOOK`, { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ list: 'y'.repeat(MAX_BODY / 2) }), chunked: true }],
    ['an unknown component', 'POST', ({ flowId }) => `/flows/${flowId}/components/HOOK-NOT`, { headers: { 'content-type': 'application/json' }, body: '{}' }],
    ['a stopped flow', 'POST', ({ stoppedId }) => `/flows/${stoppedId}/components/HOOK`, { headers: { 'content-type': 'application/json' }, body: '{}' }],
  ];

  it.each(cases)('answers %s as the Hono route does', async (_name, method, path, options) => {
    const plain = path({ flowId, stoppedId }).replace('HOOK', 'hook');
    // %68 is "h": not a plain address, so the listener leaves it to Hono, whose router decodes it.
    const encoded = path({ flowId, stoppedId }).replace('HOOK', '%68ook');
    const viaListener = await call(weft.weft.port!, method, plain, options);
    const viaHono = await call(weft.weft.port!, method, encoded, options);
    expect(viaListener).toEqual(viaHono);
    // A body over the limit is refused before the webhook route, by the body limit, as any request's.
    if (viaListener.status !== 413) expect(viaListener.headers['content-security-policy']).toBe('sandbox');
    else expect(viaListener.headers.connection).toBe('close');
  });

  it('hands the flow what Hono hands it, and answers the JSON case with the flow\'s body', async () => {
    const answer = await call(weft.weft.port!, 'POST', `/flows/${flowId}/components/hook?x=1`, { headers: { 'content-type': 'application/json', 'x-test': 'a', authorization: 'Bearer secret' }, body: '{"n":1}' });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ method: 'POST', query: { x: '1' }, body: { n: 1 }, test: 'a' });
    expect(answer.headers['x-custom']).toBe('yes');
    expect(answer.headers.vary).toBe('Accept');
  });

  describe('on its own', () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      const listener = webhookListener(weft.weft.engine, { maxBodyBytes: MAX_BODY });
      server = createServer((req, res) => {
        if (listener(req, res)) return;
        res.writeHead(599).end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('takes plain webhook calls and leaves everything else to the app', async () => {
      expect((await call(port, 'POST', `/flows/${flowId}/components/hook`, { headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(201);
      expect((await call(port, 'GET', `/flows/${flowId}/components/hook?q=1`)).status).toBe(201);
      for (const [method, path] of [
        ['OPTIONS', `/flows/${flowId}/components/hook`], ['HEAD', `/flows/${flowId}/components/hook`],
        ['POST', `/flows/${flowId}/components/%68ook`], ['POST', `/flows/${flowId}/components/hook/`],
        ['POST', `/flows/${flowId}/components/..`], ['POST', `/flows/${flowId}`], ['GET', '/health'],
      ] as const) {
        expect((await call(port, method, path)).status, `${method} ${path}`).toBe(599);
      }
    });
  });
});
