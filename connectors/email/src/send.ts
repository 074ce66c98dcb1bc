/** @module Send: sends an e-mail over the SMTP server of the account; done once the server accepted it for delivery. */
import { accountInput, accountOptions, defineComponent, type AccountAuth } from '@weft/connector-kit';

/**
 * nodemailer, loaded on the first send or account test rather than with this package: a process
 * that never sends mail (the engine loads every first-party connector at start-up) keeps its heap.
 */
export const nodemailer = (): Promise<typeof import('nodemailer')> => import('nodemailer');

/** Most bytes of all attachments of one e-mail (decoded). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

interface Smtp {
  host: string;
  port: number;
  secure: boolean;
  user: string | undefined;
  password: string | undefined;
  from: string;
}

const isOn = (value: string | undefined) => value === 'true' || value === '1' || value === 'on';

/** The SMTP settings of the account, or a sentence saying what to fix. */
export function smtpOf(auth: AccountAuth | undefined): Smtp {
  const fields = auth?.fields ?? {};
  const host = fields.host?.trim();
  if (!host) throw new Error('Choose an e-mail account (its SMTP host, user, password and sender) in the component\'s "Account" property.');
  const from = fields.from?.trim();
  if (!from) throw new Error('The e-mail account has no sender address ("From"); edit the account.');
  const secure = isOn(fields.secure);
  const port = fields.port === undefined || fields.port.trim() === '' ? (secure ? 465 : 587) : Number(fields.port);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`The account's SMTP port must be a number from 1 to 65535, not "${fields.port}".`);
  return { host, port, secure, user: fields.user?.trim() || undefined, password: fields.password || undefined, from };
}

/** Addresses given as a list or as text separated by commas; none is an empty list. */
export function addresses(value: unknown, field: string): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : value === undefined || value === null ? [] : [value];
  return list.map((item) => {
    if (typeof item !== 'string') throw new Error(`"${field}" must be e-mail addresses (text), not ${JSON.stringify(item)}.`);
    const address = item.trim();
    // A line break in an address would let a value write headers of its own.
    if (/[\r\n]/.test(address)) throw new Error(`An address in "${field}" contains a line break.`);
    return address;
  }).filter((address) => address !== '');
}

interface Attachment {
  filename: string;
  content: Buffer;
  contentType?: string;
}

export function attachmentsOf(value: unknown): Attachment[] {
  if (value === undefined || value === null || value === '') return [];
  if (!Array.isArray(value)) throw new Error('"attachments" must be a list of { filename, content (base64), contentType }.');
  let total = 0;
  return value.map((item: unknown, i) => {
    const { filename, content, contentType } = (item ?? {}) as { filename?: unknown; content?: unknown; contentType?: unknown };
    if (typeof filename !== 'string' || filename.trim() === '') throw new Error(`attachments[${i}] needs a "filename".`);
    if (typeof content !== 'string' || !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(content)) throw new Error(`attachments[${i}].content must be base64 text (use Base64 encode from Files and formats).`);
    const bytes = Buffer.from(content, 'base64');
    total += bytes.byteLength;
    if (total > MAX_ATTACHMENT_BYTES) throw new Error(`The attachments take more than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB together; send a link instead.`);
    return { filename: filename.trim(), content: bytes, ...(typeof contentType === 'string' && contentType !== '' ? { contentType } : {}) };
  });
}

/** Rewords the SMTP errors people meet most. */
export function explainSmtpError(error: unknown, smtp: Smtp): Error {
  const { code, responseCode, message } = (error ?? {}) as { code?: string; responseCode?: number; message?: string };
  const text = message ?? String(error);
  if (code === 'EAUTH') return new Error(`The SMTP server ${smtp.host} refused the account's user and password (${text}).`);
  if (code === 'ECONNECTION' || code === 'ETIMEDOUT' || code === 'ESOCKET' || code === 'EDNS') return new Error(`Cannot reach the SMTP server ${smtp.host}:${smtp.port} (${text}); check the host, the port and "Use TLS".`);
  if (code === 'EENVELOPE') return new Error(`The SMTP server refused the recipients (${text}).`);
  if (responseCode !== undefined && responseCode >= 500) return new Error(`The SMTP server refused the e-mail (${text}).`);
  return error instanceof Error ? error : new Error(text);
}

export const Send = defineComponent(
  {
    name: 'weft.email.Send',
    label: 'Send e-mail',
    description: 'Sends an e-mail through the SMTP server of the account, from the account\'s sender address.',
    category: 'email',
    inPorts: [{
      name: 'in',
      schema: {
        type: 'object',
        properties: {
          to: { type: 'any', title: 'To', description: 'Addresses, separated by commas, or a list.' },
          cc: { type: 'any', title: 'Cc' },
          bcc: { type: 'any', title: 'Bcc' },
          replyTo: { type: 'string', title: 'Reply to' },
          subject: { type: 'string', title: 'Subject' },
          text: { type: 'string', title: 'Text' },
          html: { type: 'string', title: 'HTML' },
          attachments: { type: 'array', title: 'Attachments', items: { type: 'object', properties: { filename: { type: 'string' }, content: { type: 'string', description: 'base64' }, contentType: { type: 'string' } } } },
        },
        required: ['to', 'subject'],
      },
      inspector: {
        inputs: {
          to: { type: 'text', label: 'To', index: 1, tooltip: 'Addresses separated by commas.' },
          cc: { type: 'text', label: 'Cc', index: 2 },
          bcc: { type: 'text', label: 'Bcc', index: 3 },
          replyTo: { type: 'text', label: 'Reply to', index: 4 },
          subject: { type: 'text', label: 'Subject', index: 5 },
          text: { type: 'textarea', label: 'Text', index: 6 },
          html: { type: 'textarea', label: 'HTML', index: 7, tooltip: 'Optional: the HTML version; mail programs show it instead of the text.' },
          attachments: { type: 'text', label: 'Attachments', index: 8, tooltip: 'A list of { filename, content (base64), contentType }, mapped from an earlier component. At most 10 MB together.' },
        },
      },
    }],
    outPorts: [{
      name: 'out',
      schema: {
        type: 'object',
        properties: {
          messageId: { type: 'string', title: 'Message id' },
          accepted: { type: 'array', title: 'Accepted recipients', items: { type: 'string' } },
          rejected: { type: 'array', title: 'Rejected recipients', items: { type: 'string' } },
          response: { type: 'string', title: 'Server response' },
        },
      },
    }],
    properties: {
      schema: { type: 'object', properties: { account: { type: 'string' } }, required: ['account'] },
      inspector: { inputs: { account: accountInput() } },
    },
  },
  {
    options: accountOptions('weft.email'),

    async receive(context) {
      const content = context.messages.in?.content ?? {};
      const smtp = smtpOf(context.auth);
      let mail;
      try {
        const to = addresses(content.to, 'to');
        if (to.length === 0) throw new Error('Say whom to send it to: map at least one address into "to".');
        const subject = typeof content.subject === 'string' ? content.subject : '';
        if (subject.trim() === '') throw new Error('The subject is missing: map a subject into "subject".');
        const replyTo = addresses(content.replyTo, 'replyTo');
        mail = {
          from: smtp.from, to, cc: addresses(content.cc, 'cc'), bcc: addresses(content.bcc, 'bcc'),
          ...(replyTo.length > 0 ? { replyTo } : {}),
          subject,
          ...(typeof content.text === 'string' ? { text: content.text } : {}),
          ...(typeof content.html === 'string' && content.html !== '' ? { html: content.html } : {}),
          attachments: attachmentsOf(content.attachments),
          // One id per Weft message: a retried send carries the same Message-ID, so mail programs can spot the copy.
          messageId: `<${context.messages.in?.messageId ?? context.correlationId}@weft>`,
        };
      } catch (error) {
        throw new context.CancelError((error as Error).message);
      }
      const transport = (await nodemailer()).createTransport({
        host: smtp.host, port: smtp.port, secure: smtp.secure,
        ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
        connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000,
      });
      try {
        const info = await transport.sendMail(mail);
        const list = (value: unknown) => (Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : (item as { address?: string }).address ?? '')) : []);
        await context.sendJson({ messageId: info.messageId, accepted: list(info.accepted), rejected: list(info.rejected), response: info.response }, 'out');
      } catch (error) {
        const explained = explainSmtpError(error, smtp);
        const { responseCode } = (error ?? {}) as { responseCode?: number };
        // A refusal (5xx, bad credentials) will not change on its own; a connection failure may.
        if ((responseCode !== undefined && responseCode >= 500) || (error as { code?: string } | null)?.code === 'EAUTH') throw new context.CancelError(explained.message);
        throw explained;
      } finally {
        transport.close();
      }
    },
  },
);
