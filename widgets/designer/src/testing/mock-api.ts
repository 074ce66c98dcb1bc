/** @module Mock API: an in-memory DesignerApi for stories and tests (409 on a stale version, logs for test runs). */
import type { Flow, FlowProblem, FlowVersion, LogRecord } from '@weft/api-client';
import type { FlowDescriptor } from '@weft/flow';
import type { DesignerApi } from '../api/designer-api.ts';
import { builtinModifiers } from '@weft/variables';
import type { ModifierInfo } from '@weft/api-client';
import { sampleConnectorManifests, sampleConnectors, sampleManifests } from './sample-manifests.ts';

/** A custom modifier of the mock engine: `{{ value | shout }}` appends "!". */
const shout: ModifierInfo = {
  name: 'shout', label: 'Shout', category: 'custom', description: 'Appends "!"', args: [], examples: [{ input: 'hi', args: [], output: 'hi!' }], custom: true, version: 1,
};

export interface MockApi extends DesignerApi {
  /** The flow as the "server" holds it. */
  readonly flow: Flow;
  /** Simulate someone else saving. */
  saveElsewhere: (descriptor: FlowDescriptor) => void;
  problems: FlowProblem[];
  /** Published versions, oldest first. */
  readonly versions: FlowVersion[];
  /** Simulate a real run: the component sent `payload` on `port` (an `out` log record). */
  recordCall: (componentId: string, payload: unknown, port?: string) => void;
}

/** Same JSON whatever the order of object keys (the server compares draft and published this way). */
function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown) => JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([x], [y]) => x.localeCompare(y))) : inner);
  return canonical(a) === canonical(b);
}

export function createMockApi(descriptor: FlowDescriptor, options: { flowId?: string; name?: string; versions?: FlowDescriptor[] } = {}): MockApi {
  const flowId = options.flowId ?? 'flow-1';
  let flow: Flow = { flowId, name: options.name ?? 'Sample flow', stage: 'stopped', version: 1, createdAt: 0, updatedAt: 0, componentCount: Object.keys(descriptor).length, flow: descriptor, webhookBaseUrl: `https://weft.example.com/flows/${flowId}/components` };
  const logs: LogRecord[] = [];
  const versions: FlowVersion[] = [];
  let published: Flow['flow'] | undefined;
  const withPublished = (next: Flow): Flow => ({
    ...next, ...(published ? { publishedVersion: versions.length } : {}), hasUnpublishedChanges: published === undefined || !sameJson(next.flow, published),
  });
  const publish = (): Flow => {
    if (published === undefined || !sameJson(flow.flow, published)) {
      published = flow.flow;
      versions.push({ version: versions.length + 1, name: flow.name, publishedAt: Date.UTC(2026, 0, 1 + versions.length, 9), publishedBy: 'ada@example.com', draftVersion: flow.version, componentCount: Object.keys(flow.flow).length, flow: flow.flow });
    }
    return (flow = withPublished(flow));
  };
  const bump = (patch: Partial<Flow>): Flow => (flow = withPublished({ ...flow, ...patch, version: flow.version + 1, updatedAt: Date.now() }));
  const conflict = () => Object.assign(new Error('This flow was changed by someone else'), { status: 409, code: 'flow.conflict', current: flow });
  for (const earlier of options.versions ?? []) {
    flow = { ...flow, flow: earlier };
    publish();
  }
  flow = withPublished({ ...flow, flow: descriptor });
  const api: MockApi = {
    get flow() { return flow; },
    get versions() { return versions; },
    problems: [],
    saveElsewhere: (next) => void bump({ flow: next }),
    getFlow: async () => flow,
    updateFlow: async (_id, body) => {
      if (body.version !== flow.version) throw conflict();
      return bump({ ...(body.flow ? { flow: body.flow } : {}) });
    },
    startFlow: async () => {
      publish();
      return (flow = { ...flow, stage: 'running' });
    },
    publishFlow: async (_id, body) => {
      if (body.version !== flow.version) throw conflict();
      return publish();
    },
    listFlowVersions: async () => ({ items: [...versions].reverse().map(({ flow: _flow, ...summary }) => summary) }),
    getFlowVersion: async (_id, version) => {
      const found = versions.find((entry) => entry.version === version);
      if (!found) throw Object.assign(new Error(`No version ${version}`), { status: 404, code: 'flow.version_not_found' });
      return found;
    },
    restoreFlowVersion: async (_id, version, body) => {
      if (body.version !== flow.version) throw conflict();
      const found = versions.find((entry) => entry.version === version);
      if (!found) throw Object.assign(new Error(`No version ${version}`), { status: 404, code: 'flow.version_not_found' });
      return bump({ flow: found.flow });
    },
    stopFlow: async () => (flow = { ...flow, stage: 'stopped' }),
    validateFlow: async () => ({ valid: api.problems.length === 0, problems: api.problems }),
    listComponents: async () => ({ items: [...sampleManifests, ...sampleConnectorManifests], connectors: sampleConnectors }),
    getComponentOptions: async () => ({ items: [{ label: '#general', value: 'general' }, { label: '#random', value: 'random' }] }),
    testRun: async (_id, body) => {
      const correlationId = `run-${logs.length}`;
      const base = { flowId, correlationId, messageId: 'm', truncated: false, severity: 'info' as const, componentType: 'x', time: Date.now() };
      logs.push({ ...base, id: `${correlationId}-1`, componentId: body.componentId, port: body.port ?? 'out', direction: 'out', payload: body.data });
      return { correlationId };
    },
    listModifiers: async () => ({ items: [...builtinModifiers.map(({ name, label, category, description, args, examples }) => ({ name, label, category, description, args, examples, custom: false })), shout] }),
    testModifier: async (body) => {
      if ('name' in body) return body.name === 'shout' ? { ok: true, value: `${String(body.value)}!`, durationMs: 1, logs: [] } : { ok: false, error: { code: 'modifier.not_found', message: `No modifier "${body.name}"` } };
      if (body.source.includes('throw')) return { ok: false, error: { code: 'SANDBOX_THROWN', message: 'Error: thrown by the code', line: 2 }, durationMs: 1, logs: [] };
      return { ok: true, value: body.value, durationMs: 1, logs: ['ran in the mock'] };
    },
    recordCall: (componentId, payload, port = 'out') => {
      const correlationId = `call-${logs.length}`;
      logs.push({ flowId, correlationId, messageId: 'm', truncated: false, severity: 'info', componentType: 'x', time: Date.now(), id: `${correlationId}-1`, componentId, port, direction: 'out', payload });
    },
    queryLogs: async (query = {}) => {
      const records = logs.filter((record) => (query.correlationId === undefined || record.correlationId === query.correlationId)
        && (query.componentId === undefined || record.componentId === query.componentId)
        && (query.direction === undefined || record.direction === query.direction));
      const ordered = query.order === 'desc' ? [...records].reverse() : records;
      return { records: query.limit === undefined ? ordered : ordered.slice(0, query.limit) };
    },
  };
  return api;
}
