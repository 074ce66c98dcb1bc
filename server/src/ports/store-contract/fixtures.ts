/**
 * @module Store contract fixtures: unique ids and the records more than one concern suite writes.
 *
 * Every record gets fresh ids (and an email made from one), so the suites may run against stores
 * sharing one database: no case sees another's users, flows or messages.
 */
import { randomUUID } from 'node:crypto';
import type { FlowRecord, UnprocessedMessage, UserRecord } from '../store.ts';

export function uid(): string {
  return randomUUID();
}

export function aUser(overrides: Partial<UserRecord> = {}): UserRecord {
  const id = uid();
  return { id, email: `${id}@example.com`, passwordHash: 'hash', role: 'user', disabled: false, createdAt: 1_000, tenantId: `t-${id}`, tenantRole: 'owner', ...overrides };
}

export function aFlow(overrides: Partial<FlowRecord> = {}): FlowRecord {
  return {
    flowId: uid(),
    userId: uid(),
    tenantId: uid(),
    name: 'A flow',
    stage: 'stopped',
    version: 1,
    flow: { a: { type: 'http', label: 'HTTP', x: 1, y: 2, source: {}, config: { properties: { url: 'https://example.com' } } } },
    createdAt: 1_000,
    updatedAt: 1_000,
    ...overrides,
  };
}

export function anUnprocessed(overrides: Partial<UnprocessedMessage> = {}): UnprocessedMessage {
  return {
    id: uid(),
    userId: uid(),
    flowId: 'f-1',
    componentId: 'c-1',
    componentType: 'http',
    message: { payload: { order: 42 } },
    error: { code: 'http.500', message: 'Server error' },
    attempts: 3,
    createdAt: 1_000,
    updatedAt: 1_000,
    ...overrides,
  };
}
