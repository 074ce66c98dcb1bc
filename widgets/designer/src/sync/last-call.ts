/** @module Last call: what a component really sent last (its newest `out` log record), for sample data. */
import type { DesignerApi } from '../api/designer-api.ts';

/** The payload of the component's newest `out` record on `port`, or undefined when the logs have none. */
export async function fetchLastOutput(api: Pick<DesignerApi, 'queryLogs'>, flowId: string, componentId: string, port: string): Promise<{ found: true; data: unknown } | { found: false }> {
  // A few records, not one: the newest may be from another out port of the same component.
  const page = await api.queryLogs({ flowId, componentId, direction: 'out', order: 'desc', limit: 20 });
  const record = page.records.find((candidate) => candidate.port === port && !candidate.truncated);
  return record === undefined ? { found: false } : { found: true, data: record.payload };
}
