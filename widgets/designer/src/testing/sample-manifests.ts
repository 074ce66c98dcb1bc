/** @module Sample manifests: a small, realistic catalogue for tests, stories and the large-flow generator. */
import { Manifest, type ManifestInput } from '@weft/connector-kit';
import type { ComponentConnector } from '@weft/api-client';

const inputs: ManifestInput[] = [
  {
    name: 'weft.utils.http.Webhook',
    icon: 'webhook',
    label: 'Webhook',
    category: 'http',
    trigger: true,
    webhook: true,
    outPorts: [{
      name: 'out',
      schema: {
        type: 'object',
        properties: {
          method: { type: 'string' },
          query: { type: 'object', properties: { id: { type: 'string' } } },
          body: { type: 'object', properties: { email: { type: 'string' }, user: { type: 'object', properties: { name: { type: 'string' }, age: { type: 'number' } } } } },
        },
      },
    }],
    properties: { inspector: { inputs: { method: { type: 'select', label: 'Method', options: [{ label: 'POST', value: 'POST' }, { label: 'GET', value: 'GET' }], defaultValue: 'POST' } } } },
  },
  {
    name: 'weft.utils.timers.Timer',
    icon: 'timer',
    label: 'Timer',
    category: 'timers',
    trigger: true,
    tick: 60000,
    outPorts: [{ name: 'out', schema: { type: 'object', properties: { now: { type: 'string', title: 'Time' } } } }],
    properties: { inspector: { inputs: { interval: { type: 'number', label: 'Interval (minutes)', defaultValue: 15 } } } },
  },
  {
    name: 'weft.utils.http.Request',
    icon: 'globe',
    label: 'HTTP request',
    category: 'http',
    inPorts: [{
      name: 'in',
      schema: { type: 'object', required: ['url'], properties: { url: { type: 'string' }, body: { type: 'string' } } },
      inspector: {
        inputs: {
          method: { type: 'select', label: 'Method', options: [{ label: 'GET', value: 'GET' }, { label: 'POST', value: 'POST' }], defaultValue: 'GET' },
          url: { type: 'text', label: 'URL' },
          headers: { type: 'key-value', label: 'Headers' },
          body: { type: 'textarea', label: 'Body', when: { eq: { './method': 'POST' } } },
        },
      },
    }],
    outPorts: [{ name: 'out', schema: { type: 'object', properties: { status: { type: 'number' }, body: { type: 'object', properties: { id: { type: 'string' } } } } } }],
  },
  {
    name: 'weft.utils.controls.Condition',
    icon: 'split',
    label: 'Condition',
    category: 'controls',
    inPorts: [{
      name: 'in',
      inspector: {
        inputs: {
          expression: {
            type: 'expression',
            label: 'Conditions',
            levels: ['AND', 'OR'],
            fields: {
              field: { type: 'text', label: 'Value' },
              operator: { type: 'select', label: 'Operator', options: ['=', '!=', '>', '<', 'contains', 'empty', 'range'].map((op) => ({ label: op, value: op })) },
              value: { type: 'text', label: 'Compare with', when: { neq: { './operator': 'empty' } } },
            },
          },
        },
      },
    }],
    outPorts: [{ name: 'true', schema: { type: 'object' } }, { name: 'false', schema: { type: 'object' } }],
  },
  {
    name: 'weft.utils.code.Transform',
    icon: 'square-pen',
    label: 'Code',
    category: 'utils',
    inPorts: [{ name: 'in', inspector: { inputs: { code: { type: 'code', label: 'Code', language: 'javascript' }, input: { type: 'text', label: 'Input' } } } }],
    outPorts: [{ name: 'out', schema: { type: 'object', properties: { result: { type: 'any' } } } }],
  },
  {
    name: 'weft.chat.messages.Send',
    label: 'Send chat message',
    category: 'chat',
    inPorts: [{
      name: 'in',
      schema: { type: 'object', required: ['channel', 'text'] },
      inspector: {
        inputs: {
          channel: { type: 'select', label: 'Channel', source: { name: 'channels' } },
          text: { type: 'textarea', label: 'Message' },
          mentions: { type: 'multiselect', label: 'Mention', options: [{ label: 'Everyone', value: 'everyone' }, { label: 'Here', value: 'here' }] },
          silent: { type: 'toggle', label: 'Silent' },
          sendAt: { type: 'date-time', label: 'Send at' },
        },
      },
    }],
    outPorts: [{ name: 'out', schema: { type: 'object', properties: { messageId: { type: 'string' }, channel: { type: 'string' } } } }],
  },
];

export const sampleManifests: Manifest[] = inputs.map((input) => Manifest.parse(input));

const DB_ICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="5" fill="#336791"/><ellipse cx="12" cy="7" rx="6" ry="2.5" fill="none" stroke="#fff" stroke-width="1.5"/><path d="M6 7v10c0 1.4 2.7 2.5 6 2.5s6-1.1 6-2.5V7" fill="none" stroke="#fff" stroke-width="1.5"/></svg>')}`;

/** A connector package of the catalogue: its group in the palette, with Czech texts. */
export const sampleConnectors: ComponentConnector[] = [{
  name: 'weft.postgres',
  label: 'PostgreSQL',
  icon: DB_ICON,
  builtIn: true,
  locales: { cs: { label: 'PostgreSQL', components: { 'weft.postgres.Query': { label: 'Dotaz SQL' }, 'weft.postgres.NewRow': { label: 'Nový řádek' } } } },
}];

/** Its components as `GET /components` lists them (with `connector`): one with a marker, one private. */
const connectorInputs: ManifestInput[] = [
  { name: 'weft.postgres.Query', label: 'Query', category: 'database', description: 'Runs one SQL statement', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
  { name: 'weft.postgres.NewRow', label: 'New row', category: 'database', description: 'Starts a run for every new row', trigger: true, marker: 'beta', outPorts: [{ name: 'out' }] },
  { name: 'weft.postgres.Vacuum', label: 'Vacuum', category: 'database', private: true, inPorts: [{ name: 'in' }] },
];
export const sampleConnectorManifests: (Manifest & { connector: string })[] = connectorInputs.map((input) => ({ ...Manifest.parse(input), connector: 'weft.postgres' }));
