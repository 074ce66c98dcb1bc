/** @module Designer fixtures: a small flow and the mock APIs behind each designer story. */
import { ApiError, type FlowProblem } from '@weft/api-client';
import { testing, type DesignerApi } from '@weft/designer';
import type { FlowDescriptor } from '@weft/flow';

/** Webhook → HTTP lookup → condition → chat message: the flow a person builds first. */
export const smallFlow: FlowDescriptor = {
  hook: { type: 'weft.utils.http.Webhook', label: 'Invoice received', x: 0, y: 80, source: {}, config: { properties: { method: 'POST' }, transform: {} } },
  lookup: {
    type: 'weft.utils.http.Request',
    label: 'Look up customer',
    x: 300,
    y: 80,
    source: { in: { hook: ['out'] } },
    config: { properties: {}, transform: { in: { hook: { out: { type: 'json2new', lambda: { method: 'GET', url: 'https://crm.example.com/customers/{{{$.hook.out.body.email}}}' } } } } } },
  },
  approved: {
    type: 'weft.utils.controls.Condition',
    label: 'Approved?',
    x: 600,
    y: 80,
    source: { in: { lookup: ['out'] } },
    config: { properties: {}, transform: { in: { lookup: { out: { type: 'json2new', lambda: { expression: { AND: [{ OR: [{ field: '{{{$.lookup.out.status}}}', operator: '=', value: '200' }] }] } } } } } } },
  },
  notify: {
    type: 'weft.chat.messages.Send',
    label: 'Tell #billing',
    x: 900,
    y: 80,
    source: { in: { approved: ['true'] } },
    config: { properties: {}, transform: { in: { approved: { true: { type: 'json2new', lambda: { channel: 'general', text: 'Invoice from {{{$.hook.out.body.user.name}}} approved' } } } } } },
  },
};

export const designerFlowId = 'flow-1';

export function smallFlowApi(): DesignerApi {
  return testing.createMockApi(smallFlow, { flowId: designerFlowId, name: 'Invoice approval' });
}

export function emptyFlowApi(): DesignerApi {
  return testing.createMockApi({}, { flowId: designerFlowId, name: 'Untitled flow' });
}

export function largeFlowApi(): DesignerApi {
  return testing.createMockApi(testing.generateLargeFlow(500), { flowId: designerFlowId, name: '500 components' });
}

/** `getFlow` never answers. */
export function loadingApi(): DesignerApi {
  return { ...smallFlowApi(), getFlow: () => new Promise(() => undefined) };
}

export const LOAD_ERROR = 'GET /flows/flow-1 answered 500: the engine is unavailable (mocked)';

export function errorApi(): DesignerApi {
  return { ...smallFlowApi(), getFlow: () => Promise.reject(new ApiError({ status: 500, code: 'engine.unavailable', message: LOAD_ERROR })) };
}

export const validationProblems: FlowProblem[] = [
  { code: 'field.required', message: 'URL is required', path: 'flow.lookup.config.transform.in.hook.out.lambda.url', componentId: 'lookup' },
  { code: 'variable.unknown', message: 'Unknown variable $.hook.out.body.user.name', path: 'flow.notify.config.transform.in.approved.true.lambda.text', componentId: 'notify' },
  { code: 'field.required', message: 'Channel is required', path: 'flow.notify.config.transform.in.approved.true.lambda.channel', componentId: 'notify' },
];

/** The small flow with the lookup's URL left empty, as the engine's problems say. */
const flowWithProblems: FlowDescriptor = {
  ...smallFlow,
  lookup: {
    ...smallFlow.lookup!,
    config: { properties: {}, transform: { in: { hook: { out: { type: 'json2new', lambda: { method: 'GET', url: '' } } } } } },
  },
};

export function validationApi(): DesignerApi {
  const api = testing.createMockApi(flowWithProblems, { flowId: designerFlowId, name: 'Invoice approval' });
  api.problems = validationProblems;
  return api;
}

/** The same flow, and Start refused with a 422 `flow.invalid` naming the problems, as the engine answers. */
export function startRefusedApi(): DesignerApi {
  const api = validationApi();
  return {
    ...api,
    startFlow: () => Promise.reject(new ApiError({
      status: 422, code: 'flow.invalid', message: `The flow has ${validationProblems.length} problems; fix them before starting it`, details: validationProblems,
    })),
  };
}

/** Someone else saves right after the designer opened the flow, so the next autosave gets a 409. */
export function conflictApi(): DesignerApi {
  const api = testing.createMockApi(smallFlow, { flowId: designerFlowId, name: 'Invoice approval' });
  return {
    ...api,
    getFlow: async (flowId) => {
      const flow = await api.getFlow(flowId);
      setTimeout(() => api.saveElsewhere({ ...smallFlow, notify: { ...smallFlow.notify!, label: 'Tell #finance' } }), 0);
      return flow;
    },
  };
}

/** Version 1 of the small flow: no chat message yet, and the lookup called another URL. */
export const smallFlowV1: FlowDescriptor = {
  hook: smallFlow.hook!,
  lookup: {
    ...smallFlow.lookup!,
    label: 'Find customer',
    config: { properties: {}, transform: { in: { hook: { out: { type: 'json2new', lambda: { method: 'GET', url: 'https://old-crm.example.com/c/{{{$.hook.out.body.email}}}' } } } } } },
  },
  approved: smallFlow.approved!,
  archive: { type: 'weft.utils.timers.Timer', label: 'Archive nightly', x: 600, y: 300, source: {}, config: { properties: { interval: 1440 }, transform: {} } },
};

/** Published v1 then v2 (the small flow); the draft is v2, so nothing waits to be published. */
export function versionedFlowApi(): DesignerApi {
  return testing.createMockApi(smallFlow, { flowId: designerFlowId, name: 'Invoice approval', versions: [smallFlowV1, smallFlow] });
}

/** Published v1 only; the draft (the small flow) has changes that do not run yet. */
export function draftAheadApi(): DesignerApi {
  return testing.createMockApi(smallFlow, { flowId: designerFlowId, name: 'Invoice approval', versions: [smallFlowV1] });
}

/** The small flow with a real webhook call pinned to its trigger: the picker and test runs use it. */
export const pinnedCall = { method: 'POST', headers: { 'content-type': 'application/json' }, query: {}, body: { email: 'ada@example.com', user: { name: 'Ada', plan: 'gold' } } };

export function pinnedFlowApi(): DesignerApi {
  const flow: FlowDescriptor = { ...smallFlow, hook: { ...smallFlow.hook!, pinned: { out: pinnedCall } } };
  return testing.createMockApi(flow, { flowId: designerFlowId, name: 'Invoice approval' });
}

/** The small flow on an engine that keeps templates (an operator's designer). */
export function templatesApi(): DesignerApi {
  const api = testing.createMockApi(smallFlow, { flowId: designerFlowId, name: 'Invoice approval' });
  api.listTemplates = async () => ({ items: [] });
  api.createTemplate = async (body) => ({
    id: 'tpl-1', version: 1, name: body.name, description: body.description ?? '', category: body.category ?? '', tags: [], customFields: {},
    flow: body.flow, wizard: { fields: [] }, createdAt: 1, updatedAt: 1, createdBy: 'operator',
  });
  return api;
}

/** The small flow made from template "Invoice approval" v2: it follows the template until its first edit. */
export function instanceApi(): DesignerApi {
  const api = testing.createMockApi(smallFlow, { flowId: designerFlowId, name: 'Invoice approval' });
  api.listIntegrations = async () => ({ items: [{
    flowId: designerFlowId, name: 'Invoice approval', stage: 'running', userId: 'u1', answers: {}, updateAvailable: false, createdAt: 1, updatedAt: 1,
    template: { id: 'tpl-1', name: 'Invoice approval', version: 2, latestVersion: 2 },
  }] });
  api.detachIntegration = async () => undefined;
  return api;
}
