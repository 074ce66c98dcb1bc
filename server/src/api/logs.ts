/** @module Log routes: query, histogram and live tail (SSE) of the caller's own activity records. */
import type { Store } from '../ports/store.ts';
import { recordOwnerId } from './record-owner.ts';
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { LogQuery } from '@weft/api-client';
import { WeftError } from '@weft/connector-kit';
import type { LogWriter } from '../engine/log-writer.ts';
import { scopeOwners, type LogIndex, type LogQuery as PortLogQuery, type LogRecord, type OwnerScope } from '../ports/log-index.ts';
import type { UserRecord } from '../ports/store.ts';
import { filteredOwners } from '../tenancy/staff-scope.ts';
import type { ApiEnv } from './app-env.ts';
import { dropUndefined } from './flows.ts';
import { readQuery } from './validate-request.ts';
import { auditStaffQuery } from '../audit/audit-trail.ts';

/** How often a live tail looks for records other processes wrote, and how far back. */
const STREAM_POLL_MS = 1000;
const SHIPPING_LAG_MS = 3000;

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export function intervalMs(text: string): number {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text);
  const ms = match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : NaN;
  if (!Number.isFinite(ms) || ms < 1000) throw new WeftError('request.invalid', 'query.histogram: use an interval of at least 1s, like 30s, 5m or 1h.', { status: 400, path: 'query.histogram', retry: 'never' });
  return ms;
}

const toMs = (value: number | string | undefined) => (value === undefined ? undefined : typeof value === 'number' ? value : Date.parse(value));

/** Strip the tenant field: it is the caller's own and never leaves the server. */
export function publicRecord({ userId: _userId, run: _run, ...record }: LogRecord) {
  return record;
}

/**
 * Whose records a log or run query reads: the tenant/user filters (staff: any tenant; others: their
 * own tenant, else 403 `auth.staff_only_filter`), else the flow owner's or the caller's own.
 */
export async function readerScope(store: Store, user: UserRecord, query: { tenantId?: string | undefined; userId?: string | undefined; flowId?: string | undefined }): Promise<OwnerScope> {
  const named = await filteredOwners(store, user, { tenantId: query.tenantId, userId: query.userId });
  // A staff read without filters keeps to one flow's owner when a flow is named (the flowId filter narrows it anyway).
  if (named === undefined || (named === null && query.flowId !== undefined)) return recordOwnerId(store, user, query.flowId);
  return named;
}

function portQuery(userId: OwnerScope, query: ReturnType<typeof LogQuery.parse>): PortLogQuery {
  return dropUndefined({
    userId, flowId: query.flowId, componentId: query.componentId, correlationId: query.correlationId, messageId: query.messageId,
    direction: query.direction, severity: query.severity, from: toMs(query.from), to: toMs(query.to), q: query.q, limit: query.limit, cursor: query.cursor, order: query.order,
  });
}

function matches(record: LogRecord, query: PortLogQuery): boolean {
  const owners = scopeOwners(query.userId);
  return (owners === undefined || owners.includes(record.userId))
    && (query.flowId === undefined || record.flowId === query.flowId)
    && (query.componentId === undefined || record.componentId === query.componentId)
    && (query.correlationId === undefined || record.correlationId === query.correlationId)
    && (query.messageId === undefined || record.messageId === query.messageId)
    && (query.direction === undefined || record.direction === query.direction)
    && (query.severity === undefined || record.severity === query.severity)
    && (query.q === undefined || JSON.stringify(record).toLowerCase().includes(query.q.toLowerCase()));
}

export function logRoutes(logIndex: LogIndex, writer: LogWriter, store: Store) {
  /** Staff reading the logs of another tenant's flow: recorded before anything is read. */
  const auditRead = (c: Context<ApiEnv>, query: Parameters<typeof auditStaffQuery>[3], details: Record<string, unknown>) => auditStaffQuery(c, store, 'support.read_logs', query, details);
  return new Hono<ApiEnv>()
    .get('/', async (c) => {
      const query = readQuery(c, LogQuery);
      await auditRead(c, query, dropUndefined({ correlationId: query.correlationId, q: query.q, histogram: query.histogram }));
      const port = portQuery(await readerScope(store, c.get('user'), query), query);
      if (query.histogram !== undefined) {
        const ms = intervalMs(query.histogram);
        return c.json({ intervalMs: ms, buckets: await logIndex.histogram(port, ms) });
      }
      const page = await logIndex.query(port);
      return c.json({ records: page.records.map(publicRecord), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
    })
    .get('/stream', async (c) => {
      const asked = readQuery(c, LogQuery);
      await auditRead(c, asked, { stream: true });
      const query = portQuery(await readerScope(store, c.get('user'), asked), asked);
      const { cursor: _cursor, ...live } = query;
      return streamSSE(c, async (stream) => {
        // Records written in this process arrive at once; records of other processes (split
        // roles) are found by polling the index. Ids already sent are skipped.
        const pending: LogRecord[] = [];
        const seen = new Set<string>();
        let since = Date.now();
        let wake: (() => void) | undefined;
        let quietMs = 0;
        const unsubscribe = writer.subscribe((records) => {
          pending.push(...records.filter((record) => matches(record, query)));
          wake?.();
        });
        stream.onAbort(() => {
          unsubscribe();
          wake?.();
        });
        const send = async (records: LogRecord[]) => {
          for (const record of records) {
            if (seen.has(record.id)) continue;
            seen.add(record.id);
            if (seen.size > 10_000) seen.delete(seen.values().next().value!);
            since = Math.max(since, record.time);
            quietMs = 0;
            await stream.writeSSE({ event: 'log', id: record.id, data: JSON.stringify(publicRecord(record)) });
          }
        };
        await stream.writeSSE({ event: 'ready', data: '{}' });
        while (!stream.aborted) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, STREAM_POLL_MS);
          });
          wake = undefined;
          if (stream.aborted) break;
          await send(pending.splice(0));
          const polled = await logIndex.query({ ...live, from: since - SHIPPING_LAG_MS, order: 'asc', limit: 500 });
          await send(polled.records);
          quietMs += STREAM_POLL_MS;
          if (quietMs >= 15_000) {
            quietMs = 0;
            await stream.writeSSE({ event: 'ping', data: '{}' });
          }
        }
        unsubscribe();
      });
    });
}
