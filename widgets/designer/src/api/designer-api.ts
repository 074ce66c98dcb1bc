/** @module Designer API: the slice of the Weft API client the designer calls (a mock only needs these). */
import type { Flow, LogPage, ValidationReport } from '@weft/api-client';
import type { Manifest } from '@weft/connector-kit';

export interface DesignerApi {
  getFlow(flowId: string): Promise<Flow>;
  /** Rejects with `{ status: 409, current }` when `version` is stale. */
  updateFlow(flowId: string, body: { version: number; flow?: Record<string, unknown> }): Promise<Flow>;
  startFlow(flowId: string): Promise<Flow>;
  stopFlow(flowId: string): Promise<Flow>;
  validateFlow(flowId: string): Promise<ValidationReport>;
  listComponents(): Promise<{ items: Manifest[] }>;
  testRun(flowId: string, body: { componentId: string; port: string; data: unknown }): Promise<{ correlationId: string }>;
  queryLogs(query: { flowId?: string; correlationId?: string; order?: 'asc' | 'desc'; limit?: number }): Promise<LogPage>;
  /** `GET /components/:type/options/:name`; a client without it leaves dynamic selects empty. */
  getComponentOptions?(type: string, name: string): Promise<{ items: { label: string; value: unknown }[] }>;
}

/** A stale-version answer of `updateFlow`, recognised by shape so any client (or mock) can produce it. */
export function isConflict(error: unknown): error is { status: 409; current: Flow } {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { status?: unknown; current?: unknown };
  return candidate.status === 409 && typeof candidate.current === 'object' && candidate.current !== null;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
