/**
 * Item 9: credentials that pass through a flow are hidden in log records, errors, unprocessed
 * messages (as the API shows them) and test-run output, while a retry still sends the real ones;
 * the embedded data files are readable by their owner only.
 */
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, startTestWeft, type TestUser, type TestWeft } from '../harness.ts';
import { recordingServer, requestFlow, type RecordingServer } from './flow-helpers.ts';

const SECRETS = ['s3cret', 'hunter2', 'k3y-value', 'hook-k3y', 'sess-1d'];

function expectNoSecrets(what: string, value: unknown): void {
  const text = JSON.stringify(value);
  for (const secret of SECRETS) expect(text, `${what} shows ${secret}`).not.toContain(secret);
}

describe('when credentials pass through a flow', () => {
  let weft: TestWeft;
  let user: TestUser;
  let admin: TestUser;
  let flowId: string;
  let target: RecordingServer;
  let accepting = false;
  let call: Awaited<ReturnType<typeof http>>;

  beforeAll(async () => {
    target = await recordingServer((_request, response) => {
      response.writeHead(accepting ? 200 : 401, { 'content-type': 'application/json', 'set-cookie': 'session=sess-1d; HttpOnly' });
      response.end(JSON.stringify(accepting ? { ok: true } : { error: 'who are you?' }));
    });
    weft = await startTestWeft({ env: { WEFT_HTTP_ALLOW_PRIVATE: 'true' } });
    user = await weft.signup();
    admin = await weft.signup();
    await weft.weft.engine.store.updateUser(admin.userId, { role: 'admin' });
    flowId = await user.createFlow(requestFlow());
    await user.startFlow(flowId);
    call = await http(`${weft.url}/flows/${flowId}/components/hook`, {
      headers: { authorization: 'Bearer s3cret', 'x-api-key': 'hook-k3y' },
      body: {
        url: `${target.url}/orders`, method: 'POST',
        headers: { authorization: 'Bearer s3cret', 'x-api-key': 'k3y-value' },
        payload: { user: 'ann', password: 'hunter2' },
      },
    });
  });
  afterAll(async () => {
    await weft.close();
    await target.close();
  });

  it('really sends them to the service (the flow works)', () => {
    expect(call.status).toBe(500);
    expect(target.hits[0]?.headers).toMatchObject({ authorization: 'Bearer s3cret', 'x-api-key': 'k3y-value' });
  });

  it('keeps them out of the webhook caller\'s answer and the log records', async () => {
    expectNoSecrets('the webhook answer', call.body);
    const records = await user.waitForLogs({ flowId }, (rs) => rs.some((r) => r.direction === 'error' && r.severity === 'error'));
    expectNoSecrets('the log records', records);
    // The failed Request's error record carries what it received.
    const request = records.find((r) => r.componentId === 'request' && r.direction === 'error')!;
    expect(request.error?.message).toContain('answered 401');
    expect(request.payload).toMatchObject({ headers: { authorization: '[redacted]', 'x-api-key': '[redacted]' }, body: { user: 'ann', password: '[redacted]' } });
    const search = await user.call('GET', `/logs?flowId=${flowId}&q=hunter2`);
    expect(search.body.records).toEqual([]);
  });

  it('keeps them out of the unprocessed message as the API shows it, to its owner and to admins', async () => {
    const list = await user.call('GET', `/unprocessed-messages?flowId=${flowId}`);
    expect(list.body.total).toBe(1);
    expectNoSecrets('the unprocessed list', list.body);
    const id = list.body.items[0].id as string;
    expectNoSecrets('the unprocessed message', (await user.call('GET', `/unprocessed-messages/${id}`)).body);
    const adminList = await admin.call('GET', `/admin/unprocessed-messages?flowId=${flowId}`);
    expect(adminList.status).toBe(200);
    expect(adminList.body.total).toBe(1);
    expectNoSecrets('the admin list', adminList.body);
    expectNoSecrets('the admin view', (await admin.call('GET', `/admin/unprocessed-messages/${id}`)).body);
  });

  it('retries with the real values, even when the content was edited from the redacted view', async () => {
    const list = await user.call('GET', `/unprocessed-messages?flowId=${flowId}`);
    const parked = list.body.items[0];
    accepting = true;
    const content = { ...parked.message.content, method: 'PUT' };
    expect(content.headers.authorization).toBe('[redacted]');
    const retried = await user.call('POST', `/unprocessed-messages/${parked.id}/retry`, { content });
    expect(retried.status).toBe(200);
    await user.waitForLogs({ flowId, componentId: 'request', direction: 'out' }, (rs) => rs.length > 0);
    const last = target.hits.at(-1)!;
    expect(last.method).toBe('PUT');
    expect(last.headers).toMatchObject({ authorization: 'Bearer s3cret', 'x-api-key': 'k3y-value' });
    // The answer's Set-Cookie, now logged as the Request's output, is hidden too.
    const out = await user.waitForLogs({ flowId, componentId: 'request', direction: 'out' }, (rs) => rs.length > 0);
    expect(out[0]!.payload).toMatchObject({ headers: { 'set-cookie': '[redacted]' } });
    expectNoSecrets('the retried run\'s logs', out);
  });

  it('keeps them out of a designer test run\'s output', async () => {
    const test = await user.call('POST', `/flows/${flowId}/test`, {
      componentId: 'hook', port: 'out',
      data: { headers: { authorization: 'Bearer s3cret', cookie: 'sid=s3cret' }, body: { url: `${target.url}/test`, payload: { password: 'hunter2' }, headers: { 'x-api-key': 'k3y-value' } } },
    });
    expect(test.status).toBe(202);
    const records = await user.waitForLogs({ correlationId: test.body.correlationId }, (rs) => rs.some((r) => r.componentId === 'request' && r.direction === 'in'));
    expectNoSecrets('the test run', records);
  });

  it('writes the embedded data files for their owner only', () => {
    expect(statSync(weft.dataDir).mode & 0o777).toBe(0o700);
    for (const file of ['weft.sqlite', 'weft.sqlite-wal', 'weft.sqlite-shm', 'logs.sqlite', 'logs.sqlite-wal', 'logs.sqlite-shm']) {
      expect(statSync(join(weft.dataDir, file)).mode & 0o777, file).toBe(0o600);
    }
  });
});

describe('when the data folder already exists with open modes', () => {
  it('tightens the folder to 0700 and the files to 0600', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'weft-modes-'));
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'weft.sqlite'), '');
    chmodSync(join(dataDir, 'weft.sqlite'), 0o644);
    const weft = await startTestWeft({ dataDir });
    try {
      // The log file opens with its thread, at the first query.
      expect((await (await weft.signup()).call('GET', '/logs')).status).toBe(200);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      for (const file of ['weft.sqlite', 'weft.sqlite-wal', 'logs.sqlite']) expect(statSync(join(dataDir, file)).mode & 0o777, file).toBe(0o600);
    } finally {
      await weft.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
