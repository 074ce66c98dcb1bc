/**
 * Item 8: the SSRF guard and the connection must agree on the address (DNS rebinding), and a
 * redirect to another origin must not carry the caller's credentials.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockedReason, guardedLookup, type LookupAll } from '../../src/connectors/http/address-guard.ts';
import { createRequest } from '../../src/connectors/http/request.ts';
import { callWebhook } from '../connectors/flow-builder.ts';
import { startTestWeft, type TestWeft } from '../harness.ts';
import { recordingServer, requestFlow, type RecordingServer } from './flow-helpers.ts';

/** A name server under the attacker's control: a public address for the check, loopback for the connection. */
function rebindingLookup(): LookupAll & { calls: number } {
  const lookup = Object.assign(async () => {
    lookup.calls += 1;
    return [{ address: lookup.calls === 1 ? '93.184.216.34' : '127.0.0.1', family: 4 }];
  }, { calls: 0 });
  return lookup;
}

let internal: RecordingServer;
beforeAll(async () => {
  internal = await recordingServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ internal: 'admin secrets' }));
  });
});
afterAll(async () => { await internal.close(); });

describe('when a host answers a public address to the guard and loopback to the connection', () => {
  it('refuses at connect time: the socket only gets addresses the guard accepted', async () => {
    const lookup = guardedLookup(rebindingLookup());
    const first = await new Promise<unknown>((resolve) => lookup('rebind.example', { all: true }, (error, addresses) => resolve(error ?? addresses)));
    expect(first).toEqual([{ address: '93.184.216.34', family: 4 }]);
    const second = await new Promise<unknown>((resolve) => lookup('rebind.example', { all: true }, (error, addresses) => resolve(error ?? addresses)));
    expect(second).toBeInstanceOf(Error);
    expect((second as Error).message).toMatch(/127\.0\.0\.1 is a loopback address/);
  });

  it('never reaches the internal server through a flow, and says why in the logs', async () => {
    const lookup = rebindingLookup();
    const weft = await startTestWeft({ components: [createRequest({ allowPrivateNetwork: false, lookup })] });
    try {
      const user = await weft.signup();
      const flowId = await user.createFlow(requestFlow());
      await user.startFlow(flowId);
      // localhost: today's fetch resolved it again on its own and reached 127.0.0.1.
      const answer = await callWebhook(weft, flowId, { url: `http://localhost:${internal.port}/admin` });
      expect(answer.status).toBe(500);
      expect(JSON.stringify(answer.body)).not.toContain('admin secrets');
      expect(internal.hits.filter((hit) => hit.path === '/admin')).toHaveLength(0);
      const records = await user.waitForLogs({ flowId, componentId: 'request', direction: 'error' }, (rs) => rs.length > 0);
      expect(records[0]!.error).toMatchObject({ code: 'component.cancelled', message: expect.stringMatching(/127\.0\.0\.1 is a loopback address/) });
      expect(lookup.calls).toBeGreaterThanOrEqual(2);
    } finally {
      await weft.close();
    }
  });
});

describe('when a redirect leaves the origin', () => {
  let weft: TestWeft;
  let flowId: string;
  let other: RecordingServer;
  let start: RecordingServer;

  const credentials = {
    authorization: 'Bearer s3cret', cookie: 'sid=abc', 'proxy-authorization': 'Basic eDp5', 'x-api-key': 'k3y', 'x-auth-token': 't0k', 'x-trace': 'keep-me',
  };

  beforeAll(async () => {
    other = await recordingServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"landed":true}');
    });
    start = await recordingServer((_request, response, url) => {
      if (url.pathname === '/away') response.writeHead(302, { location: `${other.url}/landing` });
      else if (url.pathname === '/same') response.writeHead(307, { location: '/here' });
      else response.writeHead(200, { 'content-type': 'application/json' });
      response.end(url.pathname === '/here' ? '{"here":true}' : '');
    });
    // The servers share 127.0.0.1 but not a port: two origins.
    weft = await startTestWeft({ env: { WEFT_HTTP_ALLOW_PRIVATE: 'true' } });
    const user = await weft.signup();
    flowId = await user.createFlow(requestFlow());
    await user.startFlow(flowId);
  });
  afterAll(async () => {
    await weft.close();
    await Promise.all([other.close(), start.close()]);
  });

  it('sends no Authorization, Cookie, Proxy-Authorization or custom credential header to the other origin', async () => {
    const answer = await callWebhook(weft, flowId, { url: `${start.url}/away`, headers: credentials });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 200, body: { landed: true } });
    expect(start.hits.find((hit) => hit.path === '/away')?.headers).toMatchObject(credentials);
    const landed = other.hits.find((hit) => hit.path === '/landing');
    expect(landed).toBeDefined();
    for (const name of ['authorization', 'cookie', 'proxy-authorization', 'x-api-key', 'x-auth-token']) expect(landed!.headers[name], name).toBeUndefined();
    expect(landed!.headers['x-trace']).toBe('keep-me');
  });

  it('keeps them on a redirect within the same origin', async () => {
    const answer = await callWebhook(weft, flowId, { url: `${start.url}/same`, headers: credentials });
    expect(answer.body).toMatchObject({ status: 200, body: { here: true } });
    expect(start.hits.find((hit) => hit.path === '/here')?.headers).toMatchObject({ authorization: 'Bearer s3cret', 'x-api-key': 'k3y' });
  });
});

describe('when the guard is on and a redirect is checked hop by hop', () => {
  it('follows a redirect to an allowed origin without credentials, and refuses one to a blocked address', async () => {
    const other = await recordingServer((_request, response) => response.end('ok'));
    const start = await recordingServer((_request, response, url) => {
      response.writeHead(302, { location: url.pathname === '/to-other' ? `http://other.test:${other.port}/landing` : `http://10.0.0.7:${other.port}/internal` });
      response.end();
    });
    // Names of this test resolve to 127.0.0.1, which this guard lets through; everything else is refused as usual.
    const lookup: LookupAll = async (host) => (host.endsWith('.test') ? [{ address: '127.0.0.1', family: 4 }] : []);
    const policy = (address: string) => (address === '127.0.0.1' ? undefined : blockedReason(address));
    const weft = await startTestWeft({ components: [createRequest({ allowPrivateNetwork: false, lookup, addressPolicy: policy })] });
    try {
      const user = await weft.signup();
      const flowId = await user.createFlow(requestFlow());
      await user.startFlow(flowId);
      const followed = await callWebhook(weft, flowId, { url: `http://start.test:${start.port}/to-other`, headers: { authorization: 'Bearer s3cret' } });
      expect(followed.body).toMatchObject({ status: 200, body: 'ok' });
      expect(other.hits.find((hit) => hit.path === '/landing')?.headers.authorization).toBeUndefined();

      const refused = await callWebhook(weft, flowId, { url: `http://start.test:${start.port}/to-private` });
      expect(refused.status).toBe(500);
      expect(other.hits.find((hit) => hit.path === '/internal')).toBeUndefined();
      const records = await user.waitForLogs({ flowId, componentId: 'request', direction: 'error' }, (rs) => rs.length > 0);
      expect(records[0]!.error?.message).toMatch(/10\.0\.0\.7 is a private address/);
    } finally {
      await weft.close();
      await Promise.all([other.close(), start.close()]);
    }
  });
});
