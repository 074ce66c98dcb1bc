/** @module Integrations fixtures: a small catalogue and the integrations of one tenant, times relative to now. */
import type { Integration, Template } from '@weft/api-client';

const HOUR = 3_600_000;

const template = (id: string, name: string, extra: Partial<Template>): Template => ({
  id, name, description: '', category: '', tags: [], customFields: {}, version: 1, createdAt: Date.now() - 40 * 24 * HOUR, updatedAt: Date.now() - 2 * 24 * HOUR, createdBy: 'host:acme',
  flow: {
    trigger: { type: 'weft.utils.app.AppEvent', x: 0, y: 0, config: { properties: { event: 'deal.won' } } },
    post: { type: 'weft.utils.http.Request', x: 300, y: 0, source: { in: { trigger: ['out'] } } },
  },
  wizard: { fields: [] },
  ...extra,
});

export const templates = (): Template[] => [
  template('t-slack', 'Won deals to Slack', {
    description: 'Post every deal marked as won to a Slack channel of your choice.', category: 'Sales', tags: ['slack', 'deals'], version: 3,
    wizard: {
      fields: [
        { id: 'account', type: 'account', label: 'Slack account', required: true, bind: [{ componentId: 'post', path: 'config.properties.account' }] },
        { id: 'announce', type: 'toggle', label: 'Post to a channel', defaultValue: true, bind: [{ componentId: 'post', path: 'config.properties.announce' }] },
        { id: 'channel', type: 'select', label: 'Channel', required: true, when: { eq: { announce: true } }, source: { componentId: 'post', name: 'channels' }, bind: [{ componentId: 'post', path: 'config.properties.channel' }] },
        { id: 'minimum', type: 'number', label: 'Only deals above (EUR)', tooltip: 'Smaller deals are skipped.', bind: [{ componentId: 'post', path: 'config.properties.minimum' }] },
        { id: 'message', type: 'mapping', label: 'Message', defaultValue: 'Won: {{{$.trigger.out.data.name}}}', bind: [{ componentId: 'post', path: 'config.properties.message' }] },
      ],
    },
  }),
  template('t-sheet', 'New leads to a spreadsheet', {
    description: 'Append each new lead as a row, with the columns you pick.', category: 'Marketing', tags: ['sheets'],
    wizard: {
      fields: [
        { id: 'sheet', type: 'text', label: 'Sheet name', required: true, bind: [{ componentId: 'post', path: 'config.properties.sheet' }] },
        { id: 'columns', type: 'multiselect', label: 'Columns', options: [{ label: 'Name', value: 'name' }, { label: 'E-mail', value: 'email' }, { label: 'Company', value: 'company' }], defaultValue: ['name', 'email'], bind: [{ componentId: 'post', path: 'config.properties.columns' }] },
      ],
    },
  }),
  template('t-mail', 'Weekly pipeline e-mail', { description: 'Every Monday, your open deals in one e-mail.', category: 'Sales', tags: ['email'] }),
];

export const integrations = (): Integration[] => [
  {
    flowId: 'flow-1', name: 'Won deals to Slack', stage: 'running', userId: 'u1', template: { id: 't-slack', name: 'Won deals to Slack', version: 2, latestVersion: 3 },
    answers: { account: 'acc-1', announce: true, channel: 'C-won' }, updateAvailable: true, createdAt: Date.now() - 10 * 24 * HOUR, updatedAt: Date.now() - 3 * 24 * HOUR,
    lastRun: { correlationId: 'c-1', status: 'succeeded', startedAt: Date.now() - 12 * 60_000, endedAt: Date.now() - 12 * 60_000 + 800 },
  },
  {
    flowId: 'flow-2', name: 'New leads to a spreadsheet', stage: 'stopped', userId: 'u1', template: { id: 't-sheet', name: 'New leads to a spreadsheet', version: 1, latestVersion: 1 },
    answers: { sheet: 'Leads 2026' }, updateAvailable: false, createdAt: Date.now() - 5 * 24 * HOUR, updatedAt: Date.now() - 5 * 24 * HOUR,
    lastRun: { correlationId: 'c-2', status: 'failed', startedAt: Date.now() - 2 * HOUR },
  },
];
