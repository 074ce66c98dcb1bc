/**
 * Templates and integrations (issue 16): the host publishes templates (a flow and a wizard); a
 * tenant user answers the wizard and gets a running flow; new template versions are offered to
 * the instances, which re-apply their answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostKey } from '../../src/tenancy/host-keys.ts';
import { http, startTestWeft, type HttpResult, type TestUser, type TestWeft } from '../harness.ts';
import { callWebhook, node, RESPONSE, WEBHOOK } from '../connectors/flow-builder.ts';

type ErrorBody = { error: { code: string; message: string; path?: string; details?: { fields?: string[]; problems?: { fieldId: string; code: string }[]; instances?: number } } };
type TemplateBody = { id: string; version: number; name: string; category: string; tags: string[]; flow: Record<string, any>; createdBy: string }; // eslint-disable-line @typescript-eslint/no-explicit-any
type IntegrationBody = { flowId: string; name: string; stage: string; template: { id: string; name: string; version: number }; updateAvailable: boolean; answers: Record<string, unknown>; lastRun?: { status: string } };

const SET = 'weft.utils.transform.Set';
const values = (field: string) => `config.transform.in.hook.out.lambda.values.${field}`;

/** Webhook → Set (greeting, tone, loud, extra from the wizard; name from the call) → Response. */
function greeterFlow() {
  return {
    hook: node(WEBHOOK),
    set: node(SET, ['hook.out'], { lambda: { values: { greeting: '', tone: '', loud: false, name: '{{{$.hook.out.body.name}}}' } } }),
    reply: node(RESPONSE, ['set.out'], { lambda: { status: 200, body: '{{{$.set.out}}}' } }),
  };
}

function greeterWizard() {
  return {
    fields: [
      { id: 'greeting', type: 'text', label: 'Greeting', required: true, bind: [{ componentId: 'set', path: values('greeting') }] },
      { id: 'tone', type: 'select', label: 'Tone', required: true, options: [{ label: 'Formal', value: 'formal' }, { label: 'Casual', value: 'casual' }], bind: [{ componentId: 'set', path: values('tone') }] },
      { id: 'loud', type: 'toggle', label: 'Shout', defaultValue: false, bind: [{ componentId: 'set', path: values('loud') }] },
      { id: 'extra', type: 'text', label: 'Extra words', required: true, when: { eq: { loud: true } }, bind: [{ componentId: 'set', path: values('extra') }] },
      { id: 'name', type: 'mapping', label: 'Who is greeted', bind: [{ componentId: 'set', path: values('name') }] },
    ],
  };
}

const greeter = (overrides: Record<string, unknown> = {}) => ({
  name: 'Greeter', description: 'Answers every call with a greeting', category: 'demo', tags: ['greeting', 'webhook'],
  customFields: { integration: 'greeter', tier: 'gold' }, flow: greeterFlow(), wizard: greeterWizard(), ...overrides,
});

describe('when the host offers integration templates', () => {
  let weft: TestWeft;
  let key: string;
  let readKey: string;
  let ann: TestUser;
  let bob: TestUser;
  let vic: TestUser;
  let carl: TestUser;
  const host = <T = TemplateBody>(method: string, path: string, body?: unknown, token = key): Promise<HttpResult<T>> =>
    http<T>(`${weft.url}${path}`, { method, token, ...(body === undefined ? {} : { body }) });
  const asUser = async (tenant: string, user: string, role = 'editor'): Promise<TestUser> => {
    await host('PUT', `/host/tenants/${tenant}`, { name: tenant });
    const upserted = await host<{ id: string }>('PUT', `/host/tenants/${tenant}/users/${user}`, { role });
    const minted = await host<{ token: string }>('POST', `/host/tenants/${tenant}/users/${user}/tokens`);
    return weft.withToken(minted.body.token, upserted.body.id);
  };
  const createTemplate = async (body: unknown = greeter()): Promise<TemplateBody> => {
    const created = await host('POST', '/templates', body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body;
  };

  beforeAll(async () => {
    weft = await startTestWeft();
    ({ key } = await createHostKey(weft.weft.engine.store, { name: 'CRM', scopes: ['provision', 'read'] }));
    ({ key: readKey } = await createHostKey(weft.weft.engine.store, { name: 'Reports', scopes: ['read'] }));
    ann = await asUser('acme', 'ann');
    bob = await asUser('acme', 'bob');
    vic = await asUser('acme', 'vic', 'viewer');
    carl = await asUser('globex', 'carl');
  });
  afterAll(() => weft.close());

  describe('templates', () => {
    it('creates a template as version 1, readable by any signed-in user, made by the host key', async () => {
      const template = await createTemplate();
      expect(template).toMatchObject({ version: 1, name: 'Greeter', category: 'demo', tags: ['greeting', 'webhook'], createdBy: expect.stringMatching(/^host:/) });
      const read = await ann.call<TemplateBody>('GET', `/templates/${template.id}`);
      expect(read.status).toBe(200);
      expect(read.body.flow.set.type).toBe(SET);
      expect((await host('GET', `/templates/${template.id}`, undefined, readKey)).status).toBe(200);
    });

    it('keeps every version: PUT makes the next one, a stale version is 409 template.conflict', async () => {
      const template = await createTemplate();
      const second = await host('PUT', `/templates/${template.id}`, { ...greeter({ name: 'Greeter 2' }), version: 1 });
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ version: 2, name: 'Greeter 2' });
      const stale = await host<ErrorBody>('PUT', `/templates/${template.id}`, { ...greeter(), version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.error).toMatchObject({ code: 'template.conflict', path: 'body.version' });
      expect((await host('GET', `/templates/${template.id}`)).body.version).toBe(2);
    });

    it('lists the newest versions filtered by category, tag and custom fields', async () => {
      const category = `list-${Date.now()}`;
      const a = await createTemplate(greeter({ name: 'Alpha', category, tags: ['chat'], customFields: { tier: 'gold', seats: 5 } }));
      const b = await createTemplate(greeter({ name: 'Beta', category, tags: ['mail'], customFields: { tier: 'silver' } }));
      const list = (query: string) => ann.call<{ items: { id: string; flow?: unknown }[] }>('GET', `/templates?category=${category}${query}`);
      const all = await list('');
      expect(all.body.items.map((item) => item.id)).toEqual([a.id, b.id]);
      expect(all.body.items[0]!.flow).toBeUndefined();
      expect((await list('&tag=mail')).body.items.map((item) => item.id)).toEqual([b.id]);
      expect((await list('&customFields.tier=gold&customFields.seats=5')).body.items.map((item) => item.id)).toEqual([a.id]);
      expect((await list('&customFields.tier=bronze')).body.items).toEqual([]);
      expect((await list('&customFields.bad%20name=1')).status).toBe(400);
    });

    it('refuses a wizard bound to a component the flow lacks, or a path outside config, with the path to fix', async () => {
      const wizard = greeterWizard();
      wizard.fields[0]!.bind = [{ componentId: 'ghost', path: 'config.properties.x' }];
      const ghost = await host<ErrorBody>('POST', '/templates', greeter({ wizard }));
      expect(ghost.status).toBe(422);
      expect(ghost.body.error).toMatchObject({ code: 'template.invalid', path: 'body.wizard.fields.0.bind.0.componentId' });
      const outside = greeterWizard();
      outside.fields[0]!.bind = [{ componentId: 'set', path: 'type' }];
      const typed = await host<ErrorBody>('POST', '/templates', greeter({ wizard: outside }));
      expect(typed.status).toBe(400);
      expect(typed.body.error.path).toBe('body.wizard.fields.0.bind.0.path');
      const proto = greeterWizard();
      proto.fields[0]!.bind = [{ componentId: 'set', path: 'config.properties.__proto__.polluted' }];
      expect((await host<ErrorBody>('POST', '/templates', greeter({ wizard: proto }))).body.error.code).toBe('request.invalid');
    });

    it('lets only operators and host keys with provision manage templates', async () => {
      expect((await ann.call<ErrorBody>('POST', '/templates', greeter())).body.error.code).toBe('auth.forbidden');
      expect((await host<ErrorBody>('POST', '/templates', greeter(), readKey)).body.error.code).toBe('host.key_scope');
      expect((await http(`${weft.url}/templates`)).status).toBe(401);
      const operator = await weft.operator();
      const made = await operator.call<TemplateBody>('POST', '/templates', greeter());
      expect(made.status).toBe(201);
      expect(made.body.createdBy).toBe(operator.userId);
    });
  });

  describe('instances', () => {
    it('makes a running flow of the caller\'s tenant with the answers applied, and its webhook answers with them', async () => {
      const template = await createTemplate();
      const made = await ann.call<{ flowId: string; version: number }>('POST', `/templates/${template.id}/instances`, {
        answers: { greeting: 'Hello', tone: 'casual', name: '{{{$.hook.out.body.who}}}' }, name: 'My greeter',
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      expect(made.body.version).toBe(1);
      const flow = await ann.call<{ name: string; stage: string; customFields: unknown; flow: Record<string, any> }>('GET', `/flows/${made.body.flowId}`); // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(flow.body).toMatchObject({ name: 'My greeter', stage: 'running', customFields: { integration: 'greeter', tier: 'gold' } });
      // Answers at their bound paths; the hidden field (loud is false) is not applied; the default is.
      expect(flow.body.flow.set.config.transform.in.hook.out.lambda.values).toEqual({ greeting: 'Hello', tone: 'casual', loud: false, name: '{{{$.hook.out.body.who}}}' });
      const answer = await callWebhook(weft, made.body.flowId, { who: 'Ada' });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ greeting: 'Hello', tone: 'casual', loud: false, name: 'Ada' });
      // Bob, of the same tenant, sees it among the integrations with its last run; it is found by its custom fields too.
      await ann.waitForLogs({ flowId: made.body.flowId, componentId: 'reply', direction: 'in' }, (records) => records.length === 1);
      let mine: IntegrationBody | undefined;
      for (let tries = 0; tries < 100 && mine?.lastRun?.status !== 'succeeded'; tries++) {
        if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 50));
        mine = (await bob.call<{ items: IntegrationBody[] }>('GET', '/integrations')).body.items.find((item) => item.flowId === made.body.flowId);
      }
      expect(mine).toMatchObject({
        name: 'My greeter', stage: 'running', template: { id: template.id, name: 'Greeter', version: 1 }, updateAvailable: false, lastRun: { status: 'succeeded' },
      });
      const byField = await ann.call<{ items: { flowId: string }[] }>('GET', '/flows?customFields.integration=greeter');
      expect(byField.body.items.map((item) => item.flowId)).toContain(made.body.flowId);
    });

    it('applies a field shown by its when condition, and requires it then', async () => {
      const template = await createTemplate();
      const missing = await ann.call<ErrorBody>('POST', `/templates/${template.id}/instances`, { answers: { greeting: 'Hi', tone: 'formal', loud: true } });
      expect(missing.status).toBe(422);
      expect(missing.body.error).toMatchObject({ code: 'template.answers_invalid', path: 'body.answers.extra', details: { fields: ['extra'] } });
      const made = await ann.call<{ flowId: string }>('POST', `/templates/${template.id}/instances`, { answers: { greeting: 'Hi', tone: 'formal', loud: true, extra: 'THERE' } });
      expect(made.status).toBe(201);
      const answer = await callWebhook(weft, made.body.flowId, {});
      expect(answer.body).toMatchObject({ greeting: 'Hi', loud: true, extra: 'THERE' });
    });

    it('answers 422 with the wizard field ids to fix: missing, wrong type, not an option, unknown, a mapping that cannot run', async () => {
      const template = await createTemplate();
      const bad = await ann.call<ErrorBody>('POST', `/templates/${template.id}/instances`, { answers: { tone: 'angry', loud: 'yes', nope: 1 } });
      expect(bad.status).toBe(422);
      expect(bad.body.error.code).toBe('template.answers_invalid');
      expect(bad.body.error.details!.fields!.sort()).toEqual(['greeting', 'loud', 'nope', 'tone']);
      expect(bad.body.error.details!.problems!.map((problem) => [problem.fieldId, problem.code]).sort()).toEqual([
        ['greeting', 'wizard.required'], ['loud', 'wizard.type'], ['nope', 'wizard.unknown_field'], ['tone', 'wizard.option'],
      ]);
      const unrunnable = await ann.call<ErrorBody>('POST', `/templates/${template.id}/instances`, { answers: { greeting: 'Hi', tone: 'formal', name: '{{{$.ghost.out.x}}}' } });
      expect(unrunnable.status).toBe(422);
      expect(unrunnable.body.error).toMatchObject({ code: 'template.answers_invalid', details: { fields: ['name'] } });
      // Nothing half-made is left behind.
      const flows = await ann.call<{ items: { name: string }[] }>('GET', '/flows?customFields.integration=greeter&limit=100');
      expect((await ann.call<{ items: IntegrationBody[] }>('GET', '/integrations')).body.items.length).toBeLessThanOrEqual(flows.body.items.length);
      expect((await ann.call<ErrorBody>('POST', '/templates/nope/instances', { answers: {} })).body.error.code).toBe('template.not_found');
    });

    it('checks a select with a source against the options its component gives (the registered app events)', async () => {
      const operator = await weft.operator();
      await operator.call('PUT', '/app-events/deal.won/schema', { title: 'Deal won', schema: { type: 'object' } });
      const template = await createTemplate(greeter({
        name: 'On an app event',
        flow: { on: node('weft.utils.app.AppEvent', [], { properties: { event: '' } }), set: node(SET, ['on.out'], { lambda: { values: { seen: true } } }) },
        wizard: { fields: [{ id: 'event', type: 'select', label: 'Event', required: true, source: { componentId: 'on', name: 'appEvents' }, bind: [{ componentId: 'on', path: 'config.properties.event' }] }] },
      }));
      const unknown = await ann.call<ErrorBody>('POST', `/templates/${template.id}/instances`, { answers: { event: 'deal.lost.forever' } });
      expect(unknown.status).toBe(422);
      expect(unknown.body.error.details!.problems).toEqual([expect.objectContaining({ fieldId: 'event', code: 'wizard.option' })]);
      const made = await ann.call<{ flowId: string }>('POST', `/templates/${template.id}/instances`, { answers: { event: 'deal.won' } });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      const flow = await ann.call<{ stage: string; flow: { on: { config: { properties: { event: string } } } } }>('GET', `/flows/${made.body.flowId}`);
      expect(flow.body.stage).toBe('running');
      expect(flow.body.flow.on.config.properties.event).toBe('deal.won');
    });

    it('refuses an account answer that is not one of the caller\'s own accounts', async () => {
      const bobs = await bob.call<{ id: string }>('POST', '/accounts', { type: 'bearer', name: 'Bob\'s CRM', fields: { token: 'secret-of-bob' } });
      const anns = await ann.call<{ id: string }>('POST', '/accounts', { type: 'bearer', name: 'Ann\'s CRM', fields: { token: 'secret-of-ann' } });
      expect(bobs.status).toBe(201);
      const flow = { ...greeterFlow(), call: node('weft.utils.http.Request', ['hook.out'], { properties: { method: 'GET', account: '' }, lambda: { url: 'http://127.0.0.1:9/' } }) };
      const wizard = { fields: [...greeterWizard().fields, { id: 'crm', type: 'account', label: 'CRM account', required: true, bind: [{ componentId: 'call', path: 'config.properties.account' }] }] };
      const template = await createTemplate(greeter({ flow, wizard }));
      const stolen = await ann.call<ErrorBody>('POST', `/templates/${template.id}/instances`, { answers: { greeting: 'Hi', tone: 'formal', crm: bobs.body.id } });
      expect(stolen.status).toBe(422);
      expect(stolen.body.error.details!.problems).toEqual([expect.objectContaining({ fieldId: 'crm', code: 'wizard.account' })]);
      const own = await ann.call<{ flowId: string }>('POST', `/templates/${template.id}/instances`, { answers: { greeting: 'Hi', tone: 'formal', crm: anns.body.id } });
      expect(own.status, JSON.stringify(own.body)).toBe(201);
    });

    it('refuses a viewer', async () => {
      const template = await createTemplate();
      const refused = await vic.call<ErrorBody>('POST', `/templates/${template.id}/instances`, { answers: { greeting: 'Hi', tone: 'formal' } });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('tenant.read_only');
    });
  });

  describe('updates', () => {
    it('offers a new version, and updating re-applies the stored answers to it', async () => {
      const template = await createTemplate();
      const made = await ann.call<{ flowId: string }>('POST', `/templates/${template.id}/instances`, { answers: { greeting: 'Hello', tone: 'casual' } });
      const flow = greeterFlow();
      (flow.set.config.transform.in!.hook!.out!.lambda.values as Record<string, unknown>).version = 2;
      await host('PUT', `/templates/${template.id}`, { ...greeter({ flow }), version: 1 });
      const listed = await ann.call<{ items: IntegrationBody[] }>('GET', '/integrations');
      expect(listed.body.items.find((item) => item.flowId === made.body.flowId)).toMatchObject({ updateAvailable: true, template: { version: 1 } });

      const updated = await ann.call<{ version: number; droppedAnswers: string[] }>('POST', `/integrations/${made.body.flowId}/update`, { answers: { greeting: 'Howdy' } });
      expect(updated.status, JSON.stringify(updated.body)).toBe(200);
      expect(updated.body).toEqual({ flowId: made.body.flowId, version: 2, droppedAnswers: [] });
      const answer = await callWebhook(weft, made.body.flowId, {});
      expect(answer.body).toMatchObject({ greeting: 'Howdy', tone: 'casual', version: 2 });
      const after = await ann.call<{ items: IntegrationBody[] }>('GET', '/integrations');
      expect(after.body.items.find((item) => item.flowId === made.body.flowId)).toMatchObject({ updateAvailable: false, template: { version: 2 }, answers: { greeting: 'Howdy', tone: 'casual' } });
    });

    it('asks again for answers that no longer fit: a changed type, a removed option', async () => {
      const template = await createTemplate();
      const made = await ann.call<{ flowId: string }>('POST', `/templates/${template.id}/instances`, { answers: { greeting: 'Hello', tone: 'casual' } });
      const wizard = greeterWizard();
      wizard.fields[0]!.type = 'number';
      wizard.fields[1]!.options = [{ label: 'Formal', value: 'formal' }];
      await host('PUT', `/templates/${template.id}`, { ...greeter({ wizard }), version: 1 });
      const needed = await ann.call<ErrorBody>('POST', `/integrations/${made.body.flowId}/update`);
      expect(needed.status).toBe(422);
      expect(needed.body.error).toMatchObject({ code: 'template.answers_needed', details: { fields: ['greeting', 'tone'] } });
      // Still on version 1 and still answering as before.
      expect((await callWebhook(weft, made.body.flowId, {})).body).toMatchObject({ greeting: 'Hello', tone: 'casual' });
      const answered = await ann.call('POST', `/integrations/${made.body.flowId}/update`, { answers: { greeting: 42, tone: 'formal' } });
      expect(answered.status).toBe(200);
      expect((await callWebhook(weft, made.body.flowId, {})).body).toMatchObject({ greeting: 42, tone: 'formal' });
    });

    it('detaches an instance: it keeps running and no longer follows the template', async () => {
      const template = await createTemplate();
      const made = await ann.call<{ flowId: string }>('POST', `/templates/${template.id}/instances`, { answers: { greeting: 'Hello', tone: 'casual' } });
      expect((await vic.call<ErrorBody>('POST', `/integrations/${made.body.flowId}/detach`)).status).toBe(403);
      expect((await ann.call('POST', `/integrations/${made.body.flowId}/detach`)).status).toBe(204);
      expect((await ann.call<{ items: IntegrationBody[] }>('GET', '/integrations')).body.items.map((item) => item.flowId)).not.toContain(made.body.flowId);
      expect((await ann.call<ErrorBody>('POST', `/integrations/${made.body.flowId}/update`)).body.error.code).toBe('integration.not_found');
      expect((await callWebhook(weft, made.body.flowId, {})).status).toBe(200);
    });
  });

  describe('deleting and isolation', () => {
    it('refuses to delete a template with instances (409 with the count) unless forced', async () => {
      const template = await createTemplate();
      const made = await ann.call<{ flowId: string }>('POST', `/templates/${template.id}/instances`, { answers: { greeting: 'Hello', tone: 'casual' } });
      const refused = await host<ErrorBody>('DELETE', `/templates/${template.id}`);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'template.in_use', details: { instances: 1 } });
      expect((await host('DELETE', `/templates/${template.id}?force=true`)).status).toBe(204);
      expect((await ann.call<ErrorBody>('GET', `/templates/${template.id}`)).body.error.code).toBe('template.not_found');
      // The tenant's flow stays, no longer an integration.
      expect((await ann.call('GET', `/flows/${made.body.flowId}`)).status).toBe(200);
      expect((await ann.call<{ items: IntegrationBody[] }>('GET', '/integrations')).body.items.map((item) => item.flowId)).not.toContain(made.body.flowId);
    });

    it('deletes a template whose instances were all deleted as flows', async () => {
      const template = await createTemplate();
      const made = await ann.call<{ flowId: string }>('POST', `/templates/${template.id}/instances`, { answers: { greeting: 'Hello', tone: 'casual' } });
      expect((await ann.call('DELETE', `/flows/${made.body.flowId}`)).status).toBe(204);
      expect((await host('DELETE', `/templates/${template.id}`)).status).toBe(204);
    });

    it('keeps one tenant\'s integrations from another: listed apart, and another tenant\'s flow id is 404', async () => {
      const template = await createTemplate();
      const made = await ann.call<{ flowId: string }>('POST', `/templates/${template.id}/instances`, { answers: { greeting: 'Hello', tone: 'casual' } });
      const globex = await carl.call<{ items: IntegrationBody[] }>('GET', '/integrations');
      expect(globex.body.items.map((item) => item.flowId)).not.toContain(made.body.flowId);
      for (const action of ['update', 'detach']) {
        const tried = await carl.call<ErrorBody>('POST', `/integrations/${made.body.flowId}/${action}`);
        expect(tried.status).toBe(404);
        expect(tried.body.error.code).toBe('flow.not_found');
      }
      expect((await ann.call<{ items: IntegrationBody[] }>('GET', '/integrations')).body.items.map((item) => item.flowId)).toContain(made.body.flowId);
    });
  });

  it('describes every template and integration route in /openapi.json', async () => {
    const doc = await http<{ paths: Record<string, Record<string, unknown>> }>(`${weft.url}/openapi.json`);
    for (const [path, method] of [['/templates', 'get'], ['/templates', 'post'], ['/templates/{id}', 'put'], ['/templates/{id}', 'delete'], ['/templates/{id}/instances', 'post'], ['/integrations', 'get'], ['/integrations/{flowId}/update', 'post'], ['/integrations/{flowId}/detach', 'post']] as const) {
      expect(doc.body.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
  });
});
