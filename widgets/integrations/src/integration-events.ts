/** @module Integration events: what the Integrations and Wizard widgets tell the host, in one shape for both. */
import { apiErrorOf } from './api-error-code.ts';
import type { WizardResult, WizardTarget } from './store/wizard-store.ts';

export type IntegrationChange = 'answers' | 'version' | 'paused' | 'resumed';

/** `integration:create` `{ flowId, templateId, version, name }` or `integration:update` `{ flowId, version, change, droppedAnswers }`. */
export function resultEvent(result: WizardResult): [string, Record<string, unknown>] {
  if (result.kind === 'created') {
    return ['integration:create', { flowId: result.instance.flowId, templateId: result.instance.templateId, version: result.instance.version, name: result.name }];
  }
  return ['integration:update', { flowId: result.update.flowId, version: result.update.version, name: result.name, change: 'answers' satisfies IntegrationChange, droppedAnswers: result.update.droppedAnswers }];
}

/** `integration:error` `{ code, message, status?, flowId?, templateId? }`: a refused or failed call. */
export function errorDetail(error: unknown, target?: Partial<WizardTarget> & { flowId?: string; templateId?: string }): Record<string, unknown> {
  const { code, status, details } = apiErrorOf(error);
  const base = {
    code: code ?? 'client.error',
    message: error instanceof Error ? error.message : String(error),
    ...(status !== undefined ? { status } : {}),
    ...(details !== undefined ? { details } : {}),
  };
  return { ...base, ...(target && 'flowId' in target && target.flowId ? { flowId: target.flowId } : {}), ...(target && 'templateId' in target && target.templateId ? { templateId: target.templateId } : {}) };
}
