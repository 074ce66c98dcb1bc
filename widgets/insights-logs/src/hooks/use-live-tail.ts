/** @module useLiveTail: while live is on, stream records matching the filters and hand them to the store in batches. */
import { useEffect } from 'react';
import { useApi } from '@weft/ui-kit';
import { useInsightsStore } from './use-insights-store.ts';
import type { LogStreamQuery } from '@weft/api-client';

/** Batching keeps a burst of thousands of records per second to a few renders per second. */
const FLUSH_MS = 250;

export function useLiveTail(): void {
  const api = useApi();
  const isLive = useInsightsStore((s) => s.isLive);
  const filters = useInsightsStore((s) => s.filters);
  const receiveLive = useInsightsStore((s) => s.receiveLive);

  useEffect(() => {
    if (!isLive) return;
    const query: LogStreamQuery = {};
    if (filters.tenantId) query.tenantId = filters.tenantId;
    if (filters.userId) query.userId = filters.userId;
    if (filters.flowId) query.flowId = filters.flowId;
    if (filters.componentId.trim()) query.componentId = filters.componentId.trim();
    if (filters.direction) query.direction = filters.direction;
    if (filters.severity) query.severity = filters.severity;
    if (filters.q.trim()) query.q = filters.q.trim();
    let buffer: Parameters<typeof receiveLive>[0] = [];
    const timer = setInterval(() => {
      if (buffer.length === 0) return;
      receiveLive(buffer);
      buffer = [];
    }, FLUSH_MS);
    const stop = api.streamLogs(query, (record) => buffer.push(record));
    return () => {
      stop();
      clearInterval(timer);
    };
  }, [api, isLive, filters, receiveLive]);
}
