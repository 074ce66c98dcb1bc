import { describe, expect, it } from 'vitest';
import type { Template, Wizard } from '@weft/api-client';
import { answerProblems, answersToSend, boundComponentType, problemsFromError, propertiesWithAnswers, shownFields } from './wizard-model.ts';

const wizard: Wizard = {
  fields: [
    { id: 'notify', type: 'toggle', label: 'Notify', defaultValue: false, bind: [{ componentId: 'post', path: 'config.properties.notify' }] },
    { id: 'channel', type: 'select', label: 'Channel', required: true, source: { componentId: 'post', name: 'channels' }, when: { eq: { notify: true } }, bind: [{ componentId: 'post', path: 'config.properties.channel' }] },
    { id: 'limit', type: 'number', label: 'Limit', bind: [{ componentId: 'post', path: 'config.properties.limit' }] },
    { id: 'account', type: 'account', label: 'Account', required: true, bind: [{ componentId: 'post', path: 'config.properties.account' }] },
  ],
};
const template = { flow: { post: { type: 'weft.slack.Post', config: { properties: { team: 'acme' } } } }, wizard } as unknown as Template;

describe('when a field has a when condition', () => {
  it('shows it only while the condition holds over the answers and defaults', () => {
    expect(shownFields(wizard, {}).map((f) => f.id)).toEqual(['notify', 'limit', 'account']);
    expect(shownFields(wizard, { notify: true }).map((f) => f.id)).toEqual(['notify', 'channel', 'limit', 'account']);
  });

  it('neither checks nor sends a hidden field', () => {
    expect(answerProblems(wizard, { account: 'a1', channel: '' })).toEqual({});
    expect(answersToSend(wizard, { account: 'a1', channel: 'C1' })).toEqual({ account: 'a1' });
  });
});

describe('when answers are missing or of the wrong kind', () => {
  it('names each required shown field and a number that is not one', () => {
    expect(answerProblems(wizard, { notify: true, limit: Number.NaN })).toEqual({ channel: 'wizard.required', limit: 'wizard.notNumber', account: 'wizard.required' });
  });

  it('leaves empty optional answers out so their defaults apply', () => {
    expect(answersToSend(wizard, { notify: true, channel: 'C1', limit: undefined, account: 'a1' })).toEqual({ notify: true, channel: 'C1', account: 'a1' });
  });
});

describe('dynamic options', () => {
  it('ask the bound component with the properties the answers set', () => {
    expect(boundComponentType(template, 'post')).toBe('weft.slack.Post');
    expect(propertiesWithAnswers(template, 'post', { notify: true, account: 'a1' })).toEqual({ team: 'acme', notify: true, account: 'a1' });
  });
});

describe('a 422 from the engine', () => {
  it('is read into a message per field id, the first one of each kept', () => {
    expect(problemsFromError({ fields: ['channel'], problems: [{ fieldId: 'channel', code: 'wizard.option', message: 'Channel: not one of the options.' }, { fieldId: 'channel', code: 'x', message: 'second' }, { fieldId: '', code: 'flow', message: 'no field' }] }))
      .toEqual({ channel: 'Channel: not one of the options.' });
  });
});
