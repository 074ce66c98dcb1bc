/** @module Sample manifests: a small, realistic catalogue for tests, stories and the large-flow generator. */
import { Manifest, type ManifestInput } from '@weft/connector-kit';

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
