/**
 * @module Lazy API: `weft.api` before the real client (and zod) has loaded. Each method loads the
 * client on first call and forwards; a host may replace any method by assignment, and since widgets
 * call through this same object, they use the replacement.
 */
import type { ApiClient, ApiClientOptions } from '@weft/api-client';

const METHODS = {
  signup: true, login: true, logout: true, getUser: true, listFlows: true, createFlow: true, getFlow: true, updateFlow: true,
  deleteFlow: true, startFlow: true, stopFlow: true, publishFlow: true, listFlowVersions: true, getFlowVersion: true, restoreFlowVersion: true,
  cloneFlow: true, exportFlow: true, importFlows: true, validateFlow: true, testRun: true, listComponents: true,
  getComponent: true, getComponentOptions: true, queryLogs: true, logHistogram: true, streamLogs: true, listUnprocessed: true, getUnprocessed: true,
  deleteUnprocessed: true, retryUnprocessed: true, listRuns: true, getRun: true, cancelRun: true, health: true, listModifiers: true, testModifier: true,
  // Connected accounts and connector configuration
  listAccounts: true, listAccountTypes: true, createAccount: true, getAccount: true, updateAccount: true, deleteAccount: true, testAccount: true, startOAuth: true,
  getConnectorConfig: true, putConnectorConfig: true,
  listConnectors: true, installConnector: true, removeConnector: true,
  // Templates and integrations
  listTemplates: true, getTemplate: true, createTemplate: true, updateTemplate: true, deleteTemplate: true, createInstance: true,
  listIntegrations: true, updateIntegration: true, detachIntegration: true,
  // App events
  listAppEvents: true,
  // Staff: tenants (the insights widget's tenant picker)
  listStaffTenants: true, getStaffTenant: true, stopAnyFlow: true,
  // Audit log (operators, tenant owners)
  listAudit: true,
} satisfies Record<keyof ApiClient, true>;

type Method = keyof ApiClient;

export function createLazyApi(load: () => Promise<(options: ApiClientOptions) => ApiClient>, options: ApiClientOptions): ApiClient {
  let client: Promise<ApiClient> | undefined;
  const real = () => (client ??= load().then((create) => create(options)));
  const api = {} as Record<Method, unknown>;
  for (const name of Object.keys(METHODS) as Method[]) {
    if (name === 'streamLogs') continue;
    api[name] = (...args: unknown[]) => real().then((c) => (c[name] as (...a: unknown[]) => unknown)(...args));
  }
  api.streamLogs = ((...args: Parameters<ApiClient['streamLogs']>) => {
    let stop: (() => void) | undefined;
    let isStopped = false;
    real().then((c) => {
      if (!isStopped) stop = c.streamLogs(...args);
    }, (error: unknown) => args[2]?.onError?.(error as never));
    return () => {
      isStopped = true;
      stop?.();
    };
  }) satisfies ApiClient['streamLogs'];
  return api as unknown as ApiClient;
}
