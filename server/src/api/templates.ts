/**
 * @module Template and integration routes. `/templates`: operators or the host (API key with scope
 * `provision`) create, version and delete templates; any signed-in user (or a host key with `read`)
 * reads them; `POST /templates/:id/instances` makes a started flow of the caller's tenant from the
 * wizard's answers. `/integrations`: the tenant's instances, their updates and detaching.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { WeftError } from '@weft/connector-kit';
import {
  CreateInstanceBody, CreateTemplateBody, DeleteTemplateQuery, TemplateListQuery, UpdateIntegrationBody, UpdateTemplateBody,
  type Integration, type Wizard, type WizardAnswers, type WizardProblem,
} from '@weft/api-client';
import type { Accounts } from '../accounts/accounts.ts';
import type { Engine } from '../engine/engine.ts';
import type { FlowRecord, UserRecord } from '../ports/store.ts';
import type { InstanceLink, TemplateRecord, TemplateStore } from '../ports/template-store.ts';
import { hostKeyOrUser, type HostKeyOrUserEnv } from '../tenancy/host-keys.ts';
import { assertCanWrite } from '../tenancy/tenants.ts';
import { answerProblems, applyAnswers, carryAnswers, fieldsAt, shownFields, wizardProblems } from '../templates/wizard.ts';
import type { ApiEnv } from './app-env.ts';
import { componentOptions } from './components.ts';
import { notFound } from './errors.ts';
import type { FlowLimits } from './flow-limits.ts';
import { checkSavable, checkShape, customFieldFilters, hasUnpublishedChanges } from './flows.ts';
import { readBody, readQuery } from './validate-request.ts';

export interface TemplateRouteDeps {
  engine: Engine;
  templates: TemplateStore;
  limits: FlowLimits;
  /** To check that an `account` answer is one of the caller's accounts (without it, the engine's own check at start decides). */
  accounts?: Pick<Accounts, 'list'> | undefined;
}

const templateNotFound = (id: string) => new WeftError('template.not_found', `No template "${id}" here.`, { status: 404, retry: 'never', path: 'params.id' });

/** A list entry: everything but the flow, which only `GET /templates/:id` carries. */
function templateSummary(template: TemplateRecord) {
  const { flow: _flow, ...rest } = template;
  return rest;
}

/** 422 with the wizard problems, each naming the field id to fix. */
type AnswersErrorCode = 'template.answers_invalid' | 'template.answers_needed';

function answersError(code: AnswersErrorCode, problems: WizardProblem[], fields: string[], message: string): WeftError {
  return new WeftError(code, message, { status: 422, retry: 'never', path: fields[0] === undefined ? 'body.answers' : `body.answers.${fields[0]}`, details: { fields, problems } });
}

/**
 * What answers are checked against besides the wizard itself: the user's connected accounts, and
 * the options each shown, answered field with a `source` gets from its component (given the
 * properties the answers set). A component whose options() fails is not checked here; the flow's
 * own validation and its runs still are.
 */
async function answerContext({ engine, accounts }: TemplateRouteDeps, template: TemplateRecord, answers: WizardAnswers, userId: string) {
  const accountIds = accounts ? new Set((await accounts.list(userId)).map((account) => account.id)) : undefined;
  const dynamicOptions = new Map<string, unknown[]>();
  const sourced = shownFields(template.wizard, answers).filter((field) => field.source !== undefined && Object.hasOwn(answers, field.id));
  if (sourced.length === 0) return { accountIds, dynamicOptions };
  const applied = applyAnswers(template.flow, template.wizard, answers) as Record<string, { type?: unknown; config?: { properties?: Record<string, unknown> } }>;
  for (const field of sourced) {
    const component = applied[field.source!.componentId];
    const definition = typeof component?.type === 'string' ? engine.components.get(component.type) : undefined;
    if (!definition) continue;
    try {
      const items = await componentOptions({ components: engine.components, store: engine.store, accounts }, definition, field.source!.name, userId, component?.config?.properties ?? {});
      dynamicOptions.set(field.id, items.map((item) => item.value));
    } catch (error) {
      engine.reportError(error);
    }
  }
  return { accountIds, dynamicOptions };
}

export function templateRoutes({ engine, templates, limits }: TemplateRouteDeps) {
  const { store } = engine;
  /** Operators or a host key with `provision`; everyone else is refused. Answers who made the change. */
  const manager = (c: Context<HostKeyOrUserEnv>): string => {
    const hostKey = c.get('hostKey');
    if (hostKey) return `host:${hostKey.id}`;
    const user = c.get('user');
    if (user?.role !== 'admin') throw new WeftError('auth.forbidden', 'Only the host application (a host API key with scope provision) or an operator manages templates.', { status: 403, retry: 'never' });
    return user.id;
  };
  /** The flow and wizard of a template body, checked: a valid descriptor shape and a wizard that fits it. */
  const checkedTemplate = async (body: { flow: Record<string, unknown>; wizard: Wizard }) => {
    const flow = checkSavable(engine, await checkShape(body.flow, limits, engine));
    const problems = wizardProblems(flow, body.wizard);
    const first = problems[0];
    if (first) throw new WeftError('template.invalid', first.message, { status: 422, retry: 'never', path: first.path, details: problems });
    return flow;
  };
  /** Instance links of a template whose flows still exist (links of deleted flows are cleaned away). */
  const liveInstances = async (templateId: string): Promise<InstanceLink[]> => {
    const live: InstanceLink[] = [];
    for (const link of await templates.listInstances({ templateId })) {
      if (await store.getFlow(link.flowId)) live.push(link);
      else await templates.deleteInstance(link.flowId);
    }
    return live;
  };
  const found = async (id: string) => (await templates.getTemplate(id)) ?? Promise.reject(templateNotFound(id));

  return new Hono<HostKeyOrUserEnv>()
    .get('/', hostKeyOrUser(store, 'read'), async (c) => {
      const query = readQuery(c, TemplateListQuery);
      const customFields = customFieldFilters(c.req.queries());
      const search = query.search?.toLowerCase();
      const items = (await templates.listTemplates({
        ...(query.category !== undefined ? { category: query.category } : {}),
        ...(query.tag !== undefined ? { tag: query.tag } : {}),
        ...(customFields ? { customFields } : {}),
      })).filter((template) => search === undefined || `${template.name}\n${template.description}`.toLowerCase().includes(search));
      return c.json({ items: items.map(templateSummary) });
    })
    .post('/', hostKeyOrUser(store, 'provision'), async (c) => {
      const createdBy = manager(c);
      const body = await readBody(c, CreateTemplateBody);
      const flow = await checkedTemplate(body);
      const now = Date.now();
      const record: TemplateRecord = {
        id: randomUUID(), name: body.name, description: body.description, category: body.category, tags: body.tags, customFields: body.customFields,
        version: 1, flow, wizard: body.wizard, createdAt: now, updatedAt: now, createdBy, ...(body.icon !== undefined ? { icon: body.icon } : {}),
      };
      await templates.createTemplate(record);
      return c.json(record, 201);
    })
    .get('/:id', hostKeyOrUser(store, 'read'), async (c) => c.json(await found(c.req.param('id'))))
    .put('/:id', hostKeyOrUser(store, 'provision'), async (c) => {
      const createdBy = manager(c);
      const id = c.req.param('id');
      const body = await readBody(c, UpdateTemplateBody);
      const flow = await checkedTemplate(body);
      const saved = await templates.saveTemplateVersion({
        id, name: body.name, description: body.description, category: body.category, tags: body.tags, customFields: body.customFields,
        flow, wizard: body.wizard, updatedAt: Date.now(), createdBy, ...(body.icon !== undefined ? { icon: body.icon } : {}),
      }, body.version);
      if (saved.ok) return c.json(saved.template);
      if (saved.reason === 'not_found') throw templateNotFound(id);
      throw new WeftError('template.conflict', `The template was saved as version ${saved.current.version} since you loaded version ${body.version}.`, { status: 409, retry: 'never', path: 'body.version', details: { current: saved.current.version } });
    })
    .delete('/:id', hostKeyOrUser(store, 'provision'), async (c) => {
      manager(c);
      const id = c.req.param('id');
      const { force } = readQuery(c, DeleteTemplateQuery);
      await found(id);
      const instances = await liveInstances(id);
      if (instances.length > 0 && force !== 'true') {
        throw new WeftError('template.in_use', `${instances.length} integration${instances.length === 1 ? ' is' : 's are'} made from this template; remove ${instances.length === 1 ? 'it' : 'them'} first or pass ?force=true (they keep running, no longer following the template).`, {
          status: 409, retry: 'never', details: { instances: instances.length },
        });
      }
      // With force, the flows stay (they are the tenants'); only their links to the template go.
      await templates.deleteTemplate(id);
      return c.body(null, 204);
    });
}

/** `POST /templates/:id/instances`, for signed-in tenant users (mounted behind requireUser). */
export function instanceRoutes(deps: TemplateRouteDeps) {
  const { engine, templates, limits } = deps;
  const { store } = engine;

  return new Hono<ApiEnv>().post('/:id/instances', async (c) => {
    const user = c.get('user');
    assertCanWrite(user);
    const template = await templates.getTemplate(c.req.param('id'));
    if (!template) throw templateNotFound(c.req.param('id'));
    const body = await readBody(c, CreateInstanceBody);
    const { accountIds, dynamicOptions } = await answerContext(deps, template, body.answers, user.id);
    const problems = answerProblems(template.wizard, body.answers, accountIds, dynamicOptions);
    if (problems.length > 0) {
      const fields = [...new Set(problems.map((problem) => problem.fieldId))];
      throw answersError('template.answers_invalid', problems, fields, `${problems[0]!.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`);
    }
    const flow = await instanceFlow(engine, limits, template, body.answers, { userId: user.id, tenantId: user.tenantId });
    const maxFlows = (await store.getTenant(user.tenantId))?.limits.maxFlows;
    if (maxFlows !== undefined && (await store.listFlows({ tenantId: user.tenantId, limit: 1 })).total >= maxFlows) {
      throw new WeftError('tenant.limit_reached', `This tenant may hold at most ${maxFlows} flows; delete one first.`, { status: 409, retry: 'never' });
    }
    const now = Date.now();
    const record: FlowRecord = {
      flowId: randomUUID(), userId: user.id, tenantId: user.tenantId, name: body.name ?? template.name, stage: 'stopped', version: 1, flow, createdAt: now, updatedAt: now,
      ...(Object.keys(template.customFields).length > 0 ? { customFields: { ...template.customFields } } : {}),
    };
    await store.createFlow(record);
    try {
      // As POST /flows/:id/start: publish the draft, then run it.
      const published = await engine.publishFlow(record, record.version, user.id);
      if (!published.ok) throw new WeftError('flow.conflict', 'The new flow changed while it was being started.', { status: 409, retry: 'never' });
      await engine.startFlow(published.flow);
    } catch (error) {
      // Nothing half-made stays behind: the flow goes again.
      await engine.stopFlow((await store.getFlow(record.flowId)) ?? record).catch(() => undefined);
      await store.deleteFlow(record.flowId, record.userId);
      await engine.forgetFlow(record.flowId);
      throw withFieldIds(error, template.wizard);
    }
    await templates.putInstance({ flowId: record.flowId, templateId: template.id, version: template.version, answers: body.answers, tenantId: user.tenantId, userId: user.id, createdAt: now, updatedAt: now });
    return c.json({ flowId: record.flowId, templateId: template.id, version: template.version }, 201);
  });
}

/** The template's flow with the answers applied, checked as a saved flow and as one that runs; 422 names the wizard fields to fix. */
async function instanceFlow(engine: Engine, limits: FlowLimits, template: TemplateRecord, answers: WizardAnswers, owner: { userId: string; tenantId: string }): Promise<Record<string, unknown>> {
  try {
    const flow = checkSavable(engine, await checkShape(applyAnswers(template.flow, template.wizard, answers), limits, engine));
    const probe: FlowRecord = { flowId: 'new', userId: owner.userId, tenantId: owner.tenantId, name: template.name, stage: 'stopped', version: 1, flow, createdAt: 0, updatedAt: 0 };
    const problems = await engine.problems(probe);
    if (problems.length > 0) throw new WeftError('flow.invalid', problems[0]!.message, { status: 422, retry: 'never', details: problems });
    return flow;
  } catch (error) {
    throw withFieldIds(error, template.wizard);
  }
}

/** A flow problem after the answers were applied, as `template.answers_invalid` naming the wizard fields bound where it is. */
function withFieldIds(error: unknown, wizard: Wizard): unknown {
  if (!(error instanceof WeftError) || (error.code !== 'flow.invalid' && error.code !== 'flow.schema')) return error;
  const flowProblems = Array.isArray(error.details) ? (error.details as { code: string; message: string; path: string }[]) : [{ code: error.code, message: error.message, path: error.path ?? '' }];
  const problems: WizardProblem[] = [];
  for (const problem of flowProblems) {
    const ids = fieldsAt(wizard, problem.path ?? '');
    for (const fieldId of ids.length > 0 ? ids : ['']) problems.push({ fieldId, code: problem.code, message: problem.message });
  }
  const fields = [...new Set(problems.map((problem) => problem.fieldId).filter((id) => id !== ''))];
  const message = fields.length > 0
    ? `The flow made from these answers cannot run: ${flowProblems[0]?.message ?? error.message} (fix ${fields.map((id) => `"${id}"`).join(', ')}).`
    : `The template's flow cannot run: ${flowProblems[0]?.message ?? error.message}`;
  return answersError('template.answers_invalid', problems, fields, message);
}

/** `/integrations`: the tenant's flows made from templates (signed-in users). */
export function integrationRoutes(deps: TemplateRouteDeps) {
  const { engine, templates, limits } = deps;
  const { store, logIndex } = engine;
  /** The instance link and its flow, of the caller's tenant; any other flow id is 404. */
  const ownInstance = async (flowId: string, user: UserRecord) => {
    const record = await store.getFlow(flowId);
    if (!record || record.tenantId !== user.tenantId) throw notFound('flow', flowId);
    const link = await templates.getInstance(flowId);
    if (!link) throw new WeftError('integration.not_found', `The flow "${flowId}" was not made from a template (or no longer follows one).`, { status: 404, retry: 'never', path: 'params.flowId' });
    return { record, link };
  };

  return new Hono<ApiEnv>()
    .get('/', async (c) => {
      const user = c.get('user');
      const items: Integration[] = [];
      const newest = new Map<string, TemplateRecord | undefined>();
      for (const link of await templates.listInstances({ tenantId: user.tenantId })) {
        const record = await store.getFlow(link.flowId);
        if (!record) {
          await templates.deleteInstance(link.flowId);
          continue;
        }
        if (!newest.has(link.templateId)) newest.set(link.templateId, await templates.getTemplate(link.templateId));
        const template = newest.get(link.templateId);
        const last = (await logIndex.runs({ userId: record.userId, flowId: record.flowId, limit: 1 })).runs[0];
        items.push({
          flowId: record.flowId, name: record.name, stage: record.stage, userId: record.userId,
          template: { id: link.templateId, name: template?.name ?? '', version: link.version, ...(template ? { latestVersion: template.version } : {}) },
          answers: link.answers, updateAvailable: template !== undefined && template.version > link.version,
          createdAt: link.createdAt, updatedAt: link.updatedAt,
          ...(last ? { lastRun: { correlationId: last.correlationId, status: last.status, startedAt: last.startedAt, ...(last.endedAt !== undefined ? { endedAt: last.endedAt } : {}) } } : {}),
        });
      }
      return c.json({ items });
    })
    .post('/:flowId/update', async (c) => {
      const user = c.get('user');
      assertCanWrite(user);
      const { record, link } = await ownInstance(c.req.param('flowId'), user);
      const body = await readBody(c, UpdateIntegrationBody);
      const template = await templates.getTemplate(link.templateId);
      if (!template) throw templateNotFound(link.templateId);
      const previous = await templates.getTemplate(link.templateId, link.version);
      const merged = { ...link.answers, ...body.answers };
      const { accountIds, dynamicOptions } = await answerContext(deps, template, merged, record.userId);
      const carried = carryAnswers(previous?.wizard, template.wizard, link.answers, body.answers, accountIds, dynamicOptions);
      const unknown = carried.unknown.map((fieldId): WizardProblem => ({ fieldId, code: 'wizard.unknown_field', message: `The wizard has no field "${fieldId}".` }));
      if (unknown.length > 0) throw answersError('template.answers_invalid', unknown, carried.unknown, unknown[0]!.message);
      if (carried.needed.length > 0) {
        throw answersError('template.answers_needed', carried.problems.filter((problem) => carried.needed.includes(problem.fieldId)), carried.needed,
          `Version ${template.version} of "${template.name}" asks again: ${carried.needed.map((id) => `"${id}"`).join(', ')}. Send the answers with the update.`);
      }
      // Checked as the flow's owner's: their accounts are the ones it may use, whoever in the tenant updates it.
      const flow = await instanceFlow(engine, limits, template, carried.answers, record);
      const saved = await store.updateFlow(record.flowId, record.userId, { flow }, record.version);
      if (!saved.ok) throw new WeftError('flow.conflict', 'The flow changed while it was being updated; try again.', { status: 409, retry: 'never' });
      engine.flows.invalidate(record.flowId);
      // The new descriptor becomes the published version; a running flow switches to it.
      if (hasUnpublishedChanges(saved.flow)) {
        const published = await engine.publishFlow(saved.flow, saved.flow.version, user.id);
        if (!published.ok) throw new WeftError('flow.conflict', 'The flow changed while it was being updated; try again.', { status: 409, retry: 'never' });
      }
      await templates.putInstance({ ...link, version: template.version, answers: carried.answers, updatedAt: Date.now() });
      return c.json({ flowId: record.flowId, version: template.version, droppedAnswers: carried.dropped });
    })
    .post('/:flowId/detach', async (c) => {
      const user = c.get('user');
      assertCanWrite(user);
      const { record } = await ownInstance(c.req.param('flowId'), user);
      // The flow stays as it is; it simply no longer follows the template (edited freely in the designer).
      await templates.deleteInstance(record.flowId);
      return c.body(null, 204);
    });
}
