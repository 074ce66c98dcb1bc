/** @module Designer API: the slice of the Weft API client the designer calls (a mock only needs these). */
import type { ApiClient, Flow } from '@weft/api-client';

/** Any `createApiClient()` result fits; a mock implements only these methods. */
export type DesignerApi = Pick<
  ApiClient,
  'getFlow' | 'updateFlow' | 'startFlow' | 'stopFlow' | 'validateFlow' | 'listComponents' | 'testRun' | 'queryLogs'
> & {
  /** `GET /components/:type/options/:name`; a client without it leaves dynamic selects empty. */
  getComponentOptions?: (type: string, name: string) => Promise<{ items: { label: string; value: unknown }[] }>;
  /** `GET /modifiers`; without it the modifier chain lists only the built-ins. */
  listModifiers?: ApiClient['listModifiers'];
  /** `POST /modifiers/test`; without it code cannot be run and custom modifiers are not previewed. */
  testModifier?: ApiClient['testModifier'];
  /** `POST /flows/:id/publish`; without it (an engine before versions) the designer shows no Publish nor History. */
  publishFlow?: ApiClient['publishFlow'];
  listFlowVersions?: ApiClient['listFlowVersions'];
  getFlowVersion?: ApiClient['getFlowVersion'];
  restoreFlowVersion?: ApiClient['restoreFlowVersion'];
  /** `GET /runs` and `GET /runs/:correlationId`; without them the Runs panel cannot list or open past runs. */
  listRuns?: ApiClient['listRuns'];
  getRun?: ApiClient['getRun'];
  /** Accounts: with all of these, an account picker offers "Connect new…" (the Accounts widget's form). */
  listAccountTypes?: ApiClient['listAccountTypes'];
  createAccount?: ApiClient['createAccount'];
  updateAccount?: ApiClient['updateAccount'];
  startOAuth?: ApiClient['startOAuth'];
  getAccount?: ApiClient['getAccount'];
  /** Templates (operators): with `createTemplate`, the `templates` option shows "Make a template"; `listTemplates` and `updateTemplate` offer a new version of one. */
  listTemplates?: ApiClient['listTemplates'];
  createTemplate?: ApiClient['createTemplate'];
  updateTemplate?: ApiClient['updateTemplate'];
  /** Integrations: a flow made from a template says so, and the first edit detaches it (`POST /integrations/:flowId/detach`). */
  listIntegrations?: ApiClient['listIntegrations'];
  detachIntegration?: ApiClient['detachIntegration'];
  /** `GET /app-events`: the AppEvent trigger's event select and the variables of its data. */
  listAppEvents?: ApiClient['listAppEvents'];
};

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
