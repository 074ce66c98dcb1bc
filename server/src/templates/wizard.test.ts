import { describe, expect, it } from 'vitest';
import type { Wizard } from '@weft/api-client';
import { answerProblems, applyAnswers, carryAnswers, fieldsAt, wizardProblems } from './wizard.ts';

const flow = {
  post: { type: 'acme.chat.Post', config: { properties: { channel: '' }, transform: { in: { hook: { out: { type: 'json2new', lambda: { text: '' } } } } } } },
};

const wizard: Wizard = {
  fields: [
    { id: 'channel', type: 'select', label: 'Channel', required: true, options: [{ label: 'Deals', value: '#deals' }, { label: 'Sales', value: '#sales' }], bind: [{ componentId: 'post', path: 'config.properties.channel' }] },
    { id: 'custom', type: 'toggle', label: 'Custom text', defaultValue: false, bind: [{ componentId: 'post', path: 'config.properties.custom' }] },
    { id: 'text', type: 'mapping', label: 'Text', required: true, when: { eq: { custom: true } }, bind: [{ componentId: 'post', path: 'config.transform.in.hook.out.lambda.text' }] },
    { id: 'account', type: 'account', label: 'Chat account', bind: [{ componentId: 'post', path: 'config.properties.account' }] },
  ],
};

describe('a template wizard', () => {
  it('must bind to components of its flow and give a select something to choose from', () => {
    const broken: Wizard = { fields: [
      { id: 'a', type: 'text', label: 'A', bind: [{ componentId: 'ghost', path: 'config.properties.x' }] },
      { id: 'a', type: 'select', label: 'B', bind: [{ componentId: 'post', path: 'config.properties.y' }] },
    ] };
    expect(wizardProblems(flow, broken).map((problem) => problem.path)).toEqual(['body.wizard.fields.0.bind.0.componentId', 'body.wizard.fields.1.id', 'body.wizard.fields.1.options']);
    expect(wizardProblems(flow, wizard)).toEqual([]);
  });

  it('writes shown answers and defaults at their paths, in a copy, and skips fields whose when fails', () => {
    const applied = applyAnswers(flow, wizard, { channel: '#deals', text: 'ignored while custom is off' }) as typeof flow & { post: { config: { properties: Record<string, unknown> } } };
    expect(applied.post.config.properties).toEqual({ channel: '#deals', custom: false });
    expect(applied.post.config.transform.in.hook.out.lambda.text).toBe('');
    const custom = applyAnswers(flow, wizard, { channel: '#deals', custom: true, text: '{{{$.hook.out.body.title}}}' }) as typeof flow;
    expect(custom.post.config.transform.in.hook.out.lambda.text).toBe('{{{$.hook.out.body.title}}}');
    expect(flow.post.config.properties.channel).toBe('');
  });

  it('checks answers by type, requirement, options and the caller\'s accounts, naming each field', () => {
    expect(answerProblems(wizard, { channel: '#deals' })).toEqual([]);
    const problems = answerProblems(wizard, { channel: '#random', custom: true, account: 'someone-elses', extra: 1 }, new Set(['mine']));
    expect(problems.map((problem) => [problem.fieldId, problem.code])).toEqual([
      ['extra', 'wizard.unknown_field'], ['channel', 'wizard.option'], ['text', 'wizard.required'], ['account', 'wizard.account'],
    ]);
  });

  it('names the fields bound where a flow problem is, a mapping\'s lambda key left out as validation does', () => {
    expect(fieldsAt(wizard, 'flow.post.config.transform.in.hook.out.text')).toEqual(['text']);
    expect(fieldsAt(wizard, 'body.flow.post.config.properties.channel')).toEqual(['channel']);
    expect(fieldsAt(wizard, 'flow.post.config.properties')).toEqual(['channel', 'custom', 'account']);
    expect(fieldsAt(wizard, 'flow.other.config')).toEqual([]);
  });

  it('carries answers to a newer version, asking again where the type changed or the answer no longer fits', () => {
    const next: Wizard = { fields: [
      { ...wizard.fields[0]!, options: [{ label: 'Sales', value: '#sales' }] },
      { ...wizard.fields[1]!, type: 'text' },
      { id: 'emoji', type: 'text', label: 'Emoji', required: true, bind: [{ componentId: 'post', path: 'config.properties.emoji' }] },
    ] };
    const carried = carryAnswers(wizard, next, { channel: '#deals', custom: false, account: 'a-1' }, {});
    expect(carried.dropped).toEqual(['account']);
    expect(carried.needed).toEqual(['channel', 'custom', 'emoji']);
    const answered = carryAnswers(wizard, next, { channel: '#deals', custom: false, account: 'a-1' }, { channel: '#sales', custom: 'plain', emoji: ':tada:' });
    expect(answered.needed).toEqual([]);
    expect(answered.answers).toEqual({ channel: '#sales', custom: 'plain', emoji: ':tada:' });
  });
});
