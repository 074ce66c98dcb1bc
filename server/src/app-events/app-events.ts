/**
 * @module App events: names the host application registered with a schema (kept in one setting),
 * and the fan-out of one event to the running flows of a tenant or a user.
 */
import { randomUUID } from 'node:crypto';
import type { AppEventInfo } from '@weft/api-client';
import type { Engine } from '../engine/engine.ts';
import type { FlowListQuery, FlowRecord, Store } from '../ports/store.ts';

const SETTING = 'app-events.schemas';
const PAGE = 500;

type Registered = Record<string, Omit<AppEventInfo, 'name'>>;

async function registered(store: Store): Promise<Registered> {
  const value = await store.getSetting(SETTING);
  return value !== null && typeof value === 'object' ? (value as Registered) : {};
}

export async function listAppEvents(store: Store): Promise<AppEventInfo[]> {
  return Object.entries(await registered(store)).map(([name, info]) => ({ name, ...info })).sort((a, b) => a.name.localeCompare(b.name));
}

/** Registers or replaces the schema of `name`. Two hosts saving at the very same moment: the last one wins. */
export async function putAppEvent(store: Store, name: string, info: Omit<AppEventInfo, 'name' | 'updatedAt'>, now = Date.now()): Promise<AppEventInfo> {
  const all = await registered(store);
  all[name] = { ...info, updatedAt: now };
  await store.setSetting(SETTING, all);
  return { name, ...all[name] };
}

export async function deleteAppEvent(store: Store, name: string): Promise<boolean> {
  const all = await registered(store);
  if (!(name in all)) return false;
  delete all[name];
  await store.setSetting(SETTING, all);
  return true;
}

/** Every running flow of the tenant (or of one user) — whose AppEvent triggers the engine then looks at. */
async function runningFlows(store: Store, scope: { tenantId: string; userId?: string | undefined } | { userId: string }): Promise<FlowRecord[]> {
  const flows: FlowRecord[] = [];
  const query: FlowListQuery = 'tenantId' in scope ? { tenantId: scope.tenantId } : { userId: scope.userId };
  for (let offset = 0; ; offset += PAGE) {
    const { items } = await store.listFlows({ ...query, stage: 'running', sort: 'createdAt', order: 'asc', limit: PAGE, offset });
    flows.push(...items.filter((flow) => scope.userId === undefined || flow.userId === scope.userId));
    if (items.length < PAGE) return flows;
  }
}

/** Starts a run of every flow in `scope` listening for `name`; the same `id` twice starts nothing new. */
export async function fireAppEvent(engine: Engine, scope: Parameters<typeof runningFlows>[1], name: string, event: { id?: string | undefined; data?: unknown }) {
  const id = event.id ?? randomUUID();
  const isRegistered = name in (await registered(engine.store));
  const runs = await engine.fireAppEvent(await runningFlows(engine.store, scope), name, id, event.data ?? null, isRegistered);
  return { id, registered: isRegistered, runs };
}
