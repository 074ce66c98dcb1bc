import { describe, expect, it } from 'vitest';
import { FlowDescriptor } from '@weft/flow';
import { sampleManifests } from '../testing/sample-manifests.ts';
import { draftPath, draftProblems, fieldFor, listAskableProperties, parseOptions, templateBody, type TemplateDraft } from './template-draft.ts';

const manifests = Object.fromEntries(sampleManifests.map((manifest) => [manifest.name, manifest]));
const components = [
  { id: 'hook', type: 'weft.utils.http.Webhook', label: 'Incoming order' },
  { id: 'req', type: 'weft.utils.http.Request', label: 'Fetch' },
];
const connections = [{ source: 'hook', outPort: 'out', target: 'req', inPort: 'in' }];
const flow = FlowDescriptor.parse({
  hook: { type: 'weft.utils.http.Webhook', label: 'Incoming order' },
  req: { type: 'weft.utils.http.Request', label: 'Fetch', source: { in: { hook: ['out'] } } },
});

describe('when an operator chooses what the wizard asks', () => {
  it('offers each component property, and each in-port field once per connection feeding the port', () => {
    const askables = listAskableProperties(components, connections, manifests);
    expect(askables.map((a) => a.path)).toEqual([
      'config.properties.method',
      'config.transform.in.hook.out.lambda.method',
      'config.transform.in.hook.out.lambda.url',
      'config.transform.in.hook.out.lambda.headers',
      'config.transform.in.hook.out.lambda.body',
    ]);
    expect(askables[0]).toMatchObject({ componentId: 'hook', componentLabel: 'Incoming order', property: 'method' });
  });

  it('builds a template body whose fields are bound to the chosen paths, with options and `when`', () => {
    const askables = listAskableProperties(components, connections, manifests);
    const method = fieldFor(askables[0]!, new Set());
    const url = fieldFor(askables[2]!, new Set([method.id]));
    const draft: TemplateDraft = {
      name: ' Order sync ', description: 'Sends orders on', category: 'sales', icon: 'webhook',
      fields: [{ ...method, required: true }, { ...url, whenField: method.id, whenValue: 'POST' }],
    };
    const body = templateBody(draft, flow, askables);
    expect(body).toMatchObject({ name: 'Order sync', category: 'sales', icon: 'webhook', flow });
    expect(body.wizard?.fields).toEqual([
      { id: 'method', type: 'select', label: 'Method', required: true, options: [{ label: 'POST', value: 'POST' }, { label: 'GET', value: 'GET' }], bind: [{ componentId: 'hook', path: 'config.properties.method' }] },
      { id: 'url', type: 'text', label: 'URL', when: { eq: { method: 'POST' } }, bind: [{ componentId: 'req', path: 'config.transform.in.hook.out.lambda.url' }] },
    ]);
    expect(draftProblems(body)).toEqual({});
  });

  it('names the draft field of each problem: an empty name, an empty question, a list without choices', () => {
    const askables = listAskableProperties(components, connections, manifests);
    const method = { ...fieldFor(askables[0]!, new Set()), options: '' };
    const url = { ...fieldFor(askables[2]!, new Set(['method'])), label: '  ' };
    const body = templateBody({ name: '', description: '', category: '', icon: '', fields: [method, url] }, flow, askables);
    expect(draftProblems(body)).toEqual({
      name: { code: 'required', message: expect.any(String) },
      'fields.1.label': { code: 'required', message: expect.any(String) },
      'fields.0.options': { code: 'options', message: 'List the choices, one a line (label=value).' },
    });
  });

  it('reads choices one a line, keeping numbers and booleans', () => {
    expect(parseOptions('Gold=gold\n\nTen=10\nyes=true\nplain')).toEqual([
      { label: 'Gold', value: 'gold' }, { label: 'Ten', value: 10 }, { label: 'yes', value: true }, { label: 'plain', value: 'plain' },
    ]);
  });

  it('maps the engine\'s paths onto the dialog\'s', () => {
    expect(draftPath('body.name')).toBe('name');
    expect(draftPath('body.wizard.fields.2.label')).toBe('fields.2.label');
    expect(draftPath('body.wizard.fields.1.bind.0.componentId')).toBe('fields.1');
    expect(draftPath(['wizard', 'fields', '0', 'options'])).toBe('fields.0.options');
  });
});
