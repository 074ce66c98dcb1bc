/**
 * @module Integrations fake: templates, integrations and dynamic options answered from memory, in
 * front of the shared fake engine (which answers accounts and everything else), so the real client
 * parses every answer as it does the server's.
 */
import { createApiClient, type ApiClient, type Integration, type Template } from '@weft/api-client';
import { createFakeEngine, FAKE_ERROR_MESSAGE, type FakeEngineData } from '../mock-api/fake-engine.ts';

export interface IntegrationsData extends FakeEngineData {
  templates?: Template[];
  integrations?: Integration[];
}

export interface IntegrationsFake {
  api: ApiClient;
  /** Bodies of `POST /templates/:id/instances` and `/integrations/:id/update`, for play functions. */
  posted: { path: string; body: unknown }[];
}

const json = (body: unknown, status = 200) => new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export function createIntegrationsFake(data: IntegrationsData): IntegrationsFake {
  const engine = createFakeEngine(data);
  const templates = data.templates ?? [];
  let integrations = data.integrations ?? [];
  const posted: IntegrationsFake['posted'] = [];
  const fetch: typeof engine.fetch = async (input, init = {}) => {
    const url = new URL(input);
    const method = init.method ?? 'GET';
    const path = url.pathname;
    const isOurs = path.startsWith('/templates') || path.startsWith('/integrations') || /^\/components\/[^/]+\/options\//.test(path);
    if (!isOurs) return engine.fetch(input, init);
    if (data.mode === 'loading') return new Promise<Response>(() => undefined);
    if (data.mode === 'error') return json({ error: { code: 'engine.unavailable', message: FAKE_ERROR_MESSAGE } }, 500);
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    if (method === 'GET' && path === '/templates') return json({ items: templates.map(({ flow: _flow, ...rest }) => rest) });
    const templateMatch = /^\/templates\/([^/]+)$/.exec(path);
    if (method === 'GET' && templateMatch) {
      const found = templates.find((template) => template.id === decodeURIComponent(templateMatch[1]!));
      return found ? json(found) : json({ error: { code: 'template.not_found', message: 'No such template' } }, 404);
    }
    if (method === 'GET' && path === '/integrations') return json({ items: integrations });
    if (method === 'GET' && path.includes('/options/')) return json({ items: [{ label: '#sales', value: 'C-sales' }, { label: '#general', value: 'C-general' }, { label: '#deals-won', value: 'C-won' }] });
    const instanceMatch = /^\/templates\/([^/]+)\/instances$/.exec(path);
    if (method === 'POST' && instanceMatch) {
      posted.push({ path, body });
      const template = templates.find((item) => item.id === decodeURIComponent(instanceMatch[1]!))!;
      const flowId = `flow-${integrations.length + 1}`;
      integrations = [...integrations, {
        flowId, name: template.name, stage: 'running', userId: 'u1', template: { id: template.id, name: template.name, version: template.version, latestVersion: template.version },
        answers: (body as { answers?: Record<string, unknown> }).answers ?? {}, updateAvailable: false, createdAt: Date.now(), updatedAt: Date.now(),
      }];
      return json({ flowId, templateId: template.id, version: template.version }, 201);
    }
    const updateMatch = /^\/integrations\/([^/]+)\/update$/.exec(path);
    if (method === 'POST' && updateMatch) {
      posted.push({ path, body });
      const flowId = decodeURIComponent(updateMatch[1]!);
      integrations = integrations.map((item) => (item.flowId === flowId ? { ...item, updateAvailable: false, template: { ...item.template, version: item.template.latestVersion ?? item.template.version } } : item));
      const updated = integrations.find((item) => item.flowId === flowId)!;
      return json({ flowId, version: updated.template.version, droppedAnswers: [] });
    }
    return json({ error: { code: 'route.not_found', message: `${method} ${path}` } }, 404);
  };
  return { api: createApiClient({ baseUrl: 'http://weft.stories.invalid', fetch }), posted };
}
