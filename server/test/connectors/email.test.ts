import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';
import { connectAccount } from './connector-account.ts';
import { callWebhook, failureOf, node, WEBHOOK } from './flow-builder.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
  user: string | undefined;
}

describe('weft.email.Send against an SMTP server started by the test', () => {
  const received: Received[] = [];
  let smtp: SMTPServer;
  let port: number;
  let weft: TestWeft;
  let user: TestUser;
  let flowId: string;

  beforeAll(async () => {
    smtp = new SMTPServer({
      // Plain connection on localhost: no STARTTLS with a self-signed certificate, login allowed without TLS.
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN'],
      onAuth(auth, _session, callback) {
        if (auth.username === 'robot' && auth.password === 's3cret-smtp-pass') callback(null, { user: 'robot' });
        else callback(new Error('Invalid username or password'));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw: Buffer.concat(chunks).toString('utf8'),
            user: typeof session.user === 'string' ? session.user : undefined,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as AddressInfo).port;
    weft = await startTestWeft();
    user = await weft.signup();
  });

  afterAll(async () => {
    await weft?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  async function sendingFlow(): Promise<string> {
    const account = await connectAccount(user, 'weft.email', {
      host: '127.0.0.1', port, secure: false, user: 'robot', password: 's3cret-smtp-pass', from: 'Weft robot <robot@example.com>',
    });
    const id = await user.createFlow({
      hook: node(WEBHOOK),
      send: node('weft.email.Send', ['hook.out'], {
        properties: { account },
        lambda: {
          to: '{{{$.hook.out.body.to}}}', cc: '{{{$.hook.out.body.cc}}}', subject: '{{{$.hook.out.body.subject}}}', text: '{{{$.hook.out.body.text}}}',
          attachments: '{{{$.hook.out.body.attachments}}}',
        },
      }),
    });
    await user.startFlow(id);
    return id;
  }

  beforeAll(async () => {
    flowId = await sendingFlow();
  });

  it('sends an e-mail from the account\'s sender, logged in with the account\'s user, with an attachment', async () => {
    const answer = await callWebhook(weft, flowId, {
      to: 'ada@example.com, grace@example.com', cc: ['team@example.com'], subject: 'Order 42 shipped', text: 'Your order is on its way.',
      attachments: [{ filename: 'note.txt', content: Buffer.from('hello file').toString('base64'), contentType: 'text/plain' }],
    });
    expect(answer.status).toBeLessThan(300);
    const records = await user.waitForLogs({ flowId, componentId: 'send', direction: 'out' }, (rs) => rs.length === 1);
    expect(records[0]!.payload).toMatchObject({ accepted: ['ada@example.com', 'grace@example.com', 'team@example.com'], rejected: [] });
    const mail = received.at(-1)!;
    expect(mail.user).toBe('robot');
    expect(mail.from).toBe('robot@example.com');
    expect(mail.to).toEqual(['ada@example.com', 'grace@example.com', 'team@example.com']);
    expect(mail.raw).toContain('Subject: Order 42 shipped');
    expect(mail.raw).toContain('Your order is on its way.');
    expect(mail.raw).toContain('filename=note.txt');
    expect(mail.raw).toContain(Buffer.from('hello file').toString('base64'));
  });

  it('refuses an address with a line break (no header injection) without contacting the server', async () => {
    const before = received.length;
    const answer = await callWebhook(weft, flowId, { to: 'ada@example.com\r\nBcc: victim@example.com', subject: 'x', text: 'y' });
    expect(answer.status).toBe(500);
    expect(await failureOf(user, answer)).toContain('contains a line break');
    expect(received.length).toBe(before);
  });

  it('refuses to connect an account whose password the server rejects, saying why without echoing it', async () => {
    const refused = await user.call<{ error: { code: string; message: string } }>('POST', '/accounts', {
      connector: 'weft.email', name: 'wrong',
      fields: { host: '127.0.0.1', port, secure: false, user: 'robot', password: 'not-the-password', from: 'robot@example.com' },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('account.test_failed');
    expect(refused.body.error.message).toContain('refused the account\'s user and password');
    expect(JSON.stringify(refused.body)).not.toContain('not-the-password');
  });
});
