/**
 * @module Message payload: how the messaging connectors (RabbitMQ, MQTT, NATS) turn a flow's value
 * into message bytes and message bytes into a flow's value, and the inspector inputs that choose how.
 *
 *   const bytes = encodePayload({ id: 7 }, 'json');             // '{"id":7}' as UTF-8
 *   decodePayload(bytes, 'auto');                              // { ok: true, value: { id: 7 } }
 */
import type { InspectorInput } from '@weft/connector-kit';

export type PayloadFormat = 'json' | 'text' | 'base64';
/** `auto`: JSON when the bytes parse as JSON, else text. */
export type ReadFormat = PayloadFormat | 'auto';

export const WRITE_FORMATS: readonly PayloadFormat[] = ['json', 'text', 'base64'];
export const READ_FORMATS: readonly ReadFormat[] = ['auto', 'json', 'text', 'base64'];

/** Inspector input of a publisher: how the mapped message becomes bytes. */
export const writeFormatInput: InspectorInput = {
  type: 'select', label: 'Send as', defaultValue: 'json', variables: false,
  tooltip: 'JSON: the message as JSON text. Text: a string as is (other values as JSON). Base64: the message is base64 text, sent as the bytes it encodes.',
  options: [{ label: 'JSON', value: 'json' }, { label: 'Text', value: 'text' }, { label: 'Base64 bytes', value: 'base64' }],
};

/** Inspector input of a subscriber: how received bytes become the `message` field. */
export const readFormatInput: InspectorInput = {
  type: 'select', label: 'Read as', defaultValue: 'auto', variables: false,
  tooltip: 'Auto: JSON when the body parses as JSON, else text. JSON: a body that is not JSON is refused. Base64: the bytes as base64 text (binary bodies).',
  options: [{ label: 'Auto', value: 'auto' }, { label: 'JSON', value: 'json' }, { label: 'Text', value: 'text' }, { label: 'Base64', value: 'base64' }],
};

export function isWriteFormat(value: unknown): value is PayloadFormat {
  return (WRITE_FORMATS as readonly unknown[]).includes(value);
}

export function isReadFormat(value: unknown): value is ReadFormat {
  return (READ_FORMATS as readonly unknown[]).includes(value);
}

/** Makes the error a bad format property throws: a plain Error, or e.g. the context's CancelError (no retry). */
export type FormatError = (message: string) => Error;
const plainError: FormatError = (message) => new Error(message);

/** A subscriber's "Read as" property: `auto` when unset; any other value throws a sentence for people. */
export function readFormatOf(value: unknown, fail: FormatError = plainError): ReadFormat {
  const format = value ?? 'auto';
  if (!isReadFormat(format)) throw fail(`"Read as" must be ${READ_FORMATS.join(', ').replace(/, (?=[^,]*$)/, ' or ')}, not ${JSON.stringify(format)}.`);
  return format;
}

/** A publisher's "Send as" property: `json` when unset; any other value throws a sentence for people. */
export function writeFormatOf(value: unknown, fail: FormatError = plainError): PayloadFormat {
  const format = value ?? 'json';
  if (!isWriteFormat(format)) throw fail(`"Send as" must be ${WRITE_FORMATS.join(', ').replace(/, (?=[^,]*$)/, ' or ')}, not ${JSON.stringify(format)}.`);
  return format;
}

/** The bytes to send for `message`; throws a sentence for people when it cannot. */
export function encodePayload(message: unknown, format: PayloadFormat): Buffer {
  switch (format) {
    case 'json':
      return Buffer.from(JSON.stringify(message === undefined ? null : message), 'utf8');
    case 'text':
      return Buffer.from(typeof message === 'string' ? message : JSON.stringify(message ?? ''), 'utf8');
    case 'base64': {
      if (typeof message !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(message.replace(/\s+/g, ''))) {
        throw new Error('"Send as: Base64 bytes" needs the message to be base64 text.');
      }
      return Buffer.from(message, 'base64');
    }
  }
}

export type Decoded = { ok: true; value: unknown } | { ok: false; error: string };

/** The value of received bytes, read as `format`. */
export function decodePayload(bytes: Uint8Array, format: ReadFormat): Decoded {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (format === 'base64') return { ok: true, value: buffer.toString('base64') };
  const text = buffer.toString('utf8');
  if (format === 'text') return { ok: true, value: text };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    if (format === 'auto') return { ok: true, value: text };
    return { ok: false, error: `The message body is not JSON (${(error as Error).message}); choose "Read as: Text" or "Auto" to take it as text.` };
  }
}

/** How long to hold a message the engine did not accept before handing it back, so a broken Bus is not hammered. */
export const REQUEUE_DELAY_MS = 1000;
