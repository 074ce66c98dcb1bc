/** @module Base64: text to base64 and back, the form binary content (files, attachments) takes in a flow. */
import { FormatError, formatComponent, textOf, withinLimit } from './format-component.ts';

const ENCODINGS = ['utf8', 'latin1', 'hex'] as const;
type Encoding = (typeof ENCODINGS)[number];

const encodingProperty = {
  schema: { type: 'string' as const },
  input: {
    type: 'select' as const, label: 'Text encoding', defaultValue: 'utf8',
    options: [{ label: 'UTF-8', value: 'utf8' }, { label: 'Latin-1', value: 'latin1' }, { label: 'Hex digits', value: 'hex' }],
  },
};

function encodingOf(value: unknown): Encoding {
  const encoding = value ?? 'utf8';
  if (!(ENCODINGS as readonly unknown[]).includes(encoding)) throw new FormatError(`The text encoding must be utf8, latin1 or hex, not ${JSON.stringify(value)}.`);
  return encoding as Encoding;
}

export const Base64Encode = formatComponent({
  name: 'Base64Encode',
  label: 'Encode base64',
  description: 'Turns text into base64 (e.g. for an e-mail attachment or a binary message body).',
  fields: { text: { schema: { type: 'string', title: 'Text' }, input: { type: 'textarea', label: 'Text' }, required: true } },
  properties: { encoding: encodingProperty },
  out: { type: 'object', properties: { base64: { type: 'string', title: 'Base64' }, bytes: { type: 'number', title: 'Size in bytes' } } },
  run(content, properties) {
    const encoding = encodingOf(properties.encoding);
    const text = textOf(content.text, 'text');
    if (encoding === 'hex' && !/^([0-9a-fA-F]{2})*$/.test(text)) throw new FormatError('"text" must be pairs of hex digits with "Hex digits" encoding.');
    const bytes = Buffer.from(text, encoding);
    return { base64: withinLimit(bytes.toString('base64'), 'the base64 text'), bytes: bytes.byteLength };
  },
});

export const Base64Decode = formatComponent({
  name: 'Base64Decode',
  label: 'Decode base64',
  description: 'Turns base64 back into text.',
  fields: { base64: { schema: { type: 'string', title: 'Base64' }, input: { type: 'textarea', label: 'Base64' }, required: true } },
  properties: { encoding: encodingProperty },
  out: { type: 'object', properties: { text: { type: 'string', title: 'Text' }, bytes: { type: 'number', title: 'Size in bytes' } } },
  run(content, properties) {
    const encoding = encodingOf(properties.encoding);
    const base64 = textOf(content.base64, 'base64').replace(/\s+/g, '');
    // Buffer.from skips what is not base64; a silently shortened file is worse than an error.
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) && !/^[A-Za-z0-9_-]*={0,2}$/.test(base64)) throw new FormatError('"base64" is not base64 text (only A–Z, a–z, 0–9, +, / and = padding, or the URL-safe - and _).');
    const bytes = Buffer.from(base64, 'base64');
    return { text: withinLimit(bytes.toString(encoding), 'the text'), bytes: bytes.byteLength };
  },
});
