/**
 * @module Flow bundles: `GET /flows/:id/export` gives the flow with the flows it calls or reports
 * failures to, the custom modifiers they use and the connector versions they need;
 * `POST /flows/import` recreates them as new stopped flows of the caller, or refuses with everything
 * this engine lacks and creates nothing. Accounts never travel: their ids are cleared and listed.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { WeftError } from '@weft/connector-kit';
import { BUNDLE_FORMAT, FlowBundle, type BundledFlow, type ImportedFlows } from '@weft/api-client';
import { builtinModifiers, findVariables } from '@weft/variables';
import type { Engine } from '../engine/engine.ts';
import type { FlowRecord, Store } from '../ports/store.ts';
import type { ApiEnv } from './app-env.ts';
import { notFound } from './errors.ts';
import { checkShape, checkSavable } from './flows.ts';
import { assertCanWrite } from '../tenancy/tenants.ts';
import type { FlowLimits } from './flow-limits.ts';
import { readBody } from './validate-request.ts';

/** Flows one export carries at most (the flow and those it reaches). */
const MAX_BUNDLED_FLOWS = 100;
const builtinNames = new Set(builtinModifiers.map((modifier) => modifier.name));

type Descriptor = Record<string, { type?: unknown; label?: unknown; config?: { properties?: Record<string, unknown> } }>;

/** Every string in `value`, deeply. */
function strings(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) strings(item, out);
  return out;
}

/** `value` with every string equal to a key of `ids` replaced by its value (ids of bundled flows). */
function remap(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return ids.get(value) ?? value;
  if (Array.isArray(value)) return value.map((item) => remap(item, ids));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, remap(item, ids)]));
  return value;
}

const modifierNames = (flow: unknown): Set<string> => new Set(findVariables(flow).refs.flatMap((ref) => ref.modifiers.map((call) => call.name)));

/** `a` ≥ `b` as semantic versions of the same major (a connector that may run flows made with `b`). */
export function satisfies(installed: string, needed: string): boolean {
  const parse = (version: string) => (/^(\d+)\.(\d+)\.(\d+)/.exec(version) ?? []).slice(1).map(Number);
  const [a, b] = [parse(installed), parse(needed)];
  if (a.length !== 3 || b.length !== 3 || a[0] !== b[0]) return false;
  for (let i = 1; i < 3; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return true;
}

export function flowBundleRoutes(store: Store, engine: Engine, limits: FlowLimits) {
  return new Hono<ApiEnv>()
    .get('/:id/export', async (c) => {
      const user = c.get('user');
      // A flow of the caller's tenant (support staff: any tenant's); another tenant's is answered as missing.
      const readable = async (flowId: string) => {
        const record = await store.getFlow(flowId);
        return record && (record.tenantId === user.tenantId || user.role === 'support') ? record : undefined;
      };
      const first = await readable(c.req.param('id'));
      if (!first) throw notFound('flow', c.req.param('id'));
      // The flow and every flow of its tenant it names (CallFlow targets, error flows), transitively.
      const records = new Map<string, FlowRecord>([[first.flowId, first]]);
      const queue = [first];
      while (queue.length > 0) {
        const record = queue.shift()!;
        const named = strings(record.flow);
        if (record.errorFlowId) named.add(record.errorFlowId);
        for (const candidate of named) {
          if (records.has(candidate) || !/^[0-9a-f-]{36}$/i.test(candidate)) continue;
          const other = await store.getFlow(candidate);
          if (!other || other.tenantId !== first.tenantId) continue;
          if (records.size >= MAX_BUNDLED_FLOWS) {
            throw new WeftError('bundle.too_large', `This flow reaches more than ${MAX_BUNDLED_FLOWS} flows through calls and error flows; export fewer.`, { status: 422, retry: 'never' });
          }
          records.set(other.flowId, other);
          queue.push(other);
        }
      }
      const flows: BundledFlow[] = [...records.values()].map((record) => ({
        id: record.flowId, name: record.name, flow: record.flow, ...(record.errorFlowId ? { errorFlowId: record.errorFlowId } : {}),
      }));
      const used = new Set(flows.flatMap((flow) => [...modifierNames(flow.flow)]));
      const modifiers = [];
      for (const name of [...used].sort()) {
        if (builtinNames.has(name)) continue;
        const record = await store.getModifier(name);
        if (record) modifiers.push({ name: record.name, label: record.label, description: record.description, category: record.category, args: record.args, examples: record.examples, source: record.source });
      }
      const types = new Set(flows.flatMap((flow) => Object.values(flow.flow as Descriptor).map((component) => String(component?.type))));
      const connectors = (await store.listConnectorPackages())
        .filter((pkg) => [...types].some((type) => type.startsWith(`${pkg.name}.`)))
        .map((pkg) => ({ name: pkg.name, version: pkg.version }));
      c.header('content-disposition', `attachment; filename="${first.name.replace(/[^\w.-]+/g, '-').slice(0, 80) || 'flow'}.weft.json"`);
      return c.json({ format: BUNDLE_FORMAT, version: 1, exportedAt: Date.now(), flows, modifiers, connectors });
    })
    .post('/import', async (c) => {
      const user = c.get('user');
      assertCanWrite(user);
      const bundle = await readBody(c, FlowBundle);
      const problems: { code: string; message: string; path: string }[] = [];

      const installed = new Map((await store.listConnectorPackages()).map((pkg) => [pkg.name, pkg.version]));
      bundle.connectors.forEach((needed, i) => {
        const version = installed.get(needed.name);
        if (version === undefined) problems.push({ code: 'bundle.connector_missing', message: `The connector ${needed.name} (${needed.version}) is not installed here; an operator installs it with weft connector publish.`, path: `body.connectors.${i}` });
        else if (!satisfies(version, needed.version)) problems.push({ code: 'bundle.connector_version', message: `The flows were made with ${needed.name} ${needed.version}; this engine has ${version}. Install ${needed.version} or a later version of the same major.`, path: `body.connectors.${i}` });
      });
      const ids = new Map(bundle.flows.map((flow) => [flow.id, randomUUID()]));
      if (ids.size !== bundle.flows.length) problems.push({ code: 'bundle.duplicate_flow', message: 'Two flows of the bundle have the same id.', path: 'body.flows' });

      const bundledModifiers = new Map(bundle.modifiers.map((modifier) => [modifier.name, modifier]));
      const modifiersDiffering = new Set<string>();
      const prepared: { source: BundledFlow; flow: Record<string, unknown>; accounts: { componentId: string; label: string }[] }[] = [];
      for (const [i, source] of bundle.flows.entries()) {
        for (const [componentId, component] of Object.entries(source.flow as Descriptor)) {
          const type = typeof component?.type === 'string' ? component.type : '';
          if (!engine.components.has(type)) problems.push({ code: 'bundle.component_unknown', message: `"${componentId}" of "${source.name}" is a ${type || 'component without a type'}, which this engine does not have.`, path: `body.flows.${i}.flow.${componentId}.type` });
        }
        for (const name of modifierNames(source.flow)) {
          if (builtinNames.has(name)) continue;
          const here = await store.getModifier(name);
          if (!here) {
            problems.push({ code: 'bundle.modifier_missing', message: `"${source.name}" uses the custom modifier "${name}", which this engine does not have${bundledModifiers.has(name) ? '; the bundle carries it: an operator creates it (weft flows import does so with an operator token)' : ''}.`, path: `body.flows.${i}.flow` });
          } else if (bundledModifiers.has(name) && bundledModifiers.get(name)!.source !== here.source) {
            modifiersDiffering.add(name);
          }
        }
        if (problems.length > 0) continue;
        // Accounts are the exporter's: clear them, to be chosen again here.
        const accounts: { componentId: string; label: string }[] = [];
        const flow = remap(source.flow, ids) as Descriptor;
        for (const [componentId, component] of Object.entries(flow)) {
          const properties = component?.config?.properties;
          if (properties && typeof properties.account === 'string' && properties.account !== '') {
            properties.account = '';
            accounts.push({ componentId, label: typeof component.label === 'string' ? component.label : componentId });
          }
        }
        try {
          prepared.push({ source, flow: checkSavable(engine, await checkShape(flow, limits, engine)), accounts });
        } catch (error) {
          if (!(error instanceof WeftError)) throw error;
          problems.push({ code: error.code, message: `"${source.name}": ${error.message}`, path: `body.flows.${i}.${(error.path ?? 'body.flow').replace(/^body\./, '')}` });
        }
      }
      if (problems.length > 0) {
        throw new WeftError('bundle.unsatisfied', `The flows cannot be imported here: ${problems[0]!.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, {
          status: 422, retry: 'never', path: problems[0]!.path, details: problems,
        });
      }

      const now = Date.now();
      const answer: ImportedFlows = { flows: [], accountsToConnect: [], modifiersDiffering: [...modifiersDiffering] };
      for (const { source, flow, accounts } of prepared) {
        const flowId = ids.get(source.id)!;
        const errorFlowId = source.errorFlowId === undefined ? undefined : ids.get(source.errorFlowId);
        await store.createFlow({
          flowId, userId: user.id, tenantId: user.tenantId, name: source.name, stage: 'stopped', version: 1, flow, createdAt: now, updatedAt: now,
          ...(errorFlowId ? { errorFlowId } : {}),
        });
        answer.flows.push({ sourceId: source.id, flowId, name: source.name });
        for (const account of accounts) answer.accountsToConnect.push({ flowId, ...account });
      }
      await c.var.audit('flow.import', { target: { type: 'flow', id: answer.flows[0]?.flowId ?? '' }, tenantId: user.tenantId, details: { flows: answer.flows.map(({ flowId, name }) => ({ flowId, name })) } });
      return c.json(answer, 201);
    });
}
