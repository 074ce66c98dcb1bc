/**
 * @module Settings form: the settings as the text a person typed, and its validation against the
 * shared `AdminSettings` schema, with each problem tied to its field as a catalogue key.
 */
import type { z } from 'zod';
import { AdminSettings } from '@weft/api-client';
import type { BackofficeKey } from '../strings.ts';

export const SETTINGS_GROUPS = {
  retry: ['baseMs', 'maxMs', 'maxAttempts'],
  sandbox: ['timeoutMs', 'memoryBytes', 'maxOutputBytes'],
  logs: ['payloadLimitBytes', 'retentionDays'],
} as const;

type Groups = typeof SETTINGS_GROUPS;
export type SettingsGroup = keyof Groups;
export type SettingsField = { [G in SettingsGroup]: `${G}.${Groups[G][number]}` }[SettingsGroup];
export type SettingsForm = Record<SettingsField, string>;

export interface FieldProblem {
  key: BackofficeKey;
  params?: Record<string, string | number>;
}

export type SettingsValidation =
  | { ok: true; settings: AdminSettings }
  | { ok: false; problems: Partial<Record<SettingsField, FieldProblem>> };

export const SETTINGS_FIELDS: readonly SettingsField[] = (Object.keys(SETTINGS_GROUPS) as SettingsGroup[])
  .flatMap((group) => SETTINGS_GROUPS[group].map((name) => `${group}.${name}` as SettingsField));

export function formFromSettings(settings: AdminSettings): SettingsForm {
  const form = {} as SettingsForm;
  for (const field of SETTINGS_FIELDS) {
    const [group, name] = field.split('.') as [SettingsGroup, string];
    form[field] = String((settings[group] as Record<string, number>)[name]);
  }
  return form;
}

export function validateSettingsForm(form: SettingsForm): SettingsValidation {
  const problems: Partial<Record<SettingsField, FieldProblem>> = {};
  const draft: Record<string, Record<string, number>> = { retry: {}, sandbox: {}, logs: {} };
  for (const field of SETTINGS_FIELDS) {
    const [group, name] = field.split('.') as [SettingsGroup, string];
    const text = form[field].trim().replace(/[_\s]/g, '');
    const value = text === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(value)) problems[field] = { key: 'settings.error.number' };
    (draft[group] as Record<string, number>)[name] = value;
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };

  const parsed = AdminSettings.safeParse(draft);
  if (parsed.success) return { ok: true, settings: parsed.data };
  // zod runs the object's refinement only once every field passed; say it at once instead.
  const { baseMs, maxMs } = draft.retry as { baseMs: number; maxMs: number };
  if (maxMs < baseMs) problems['retry.maxMs'] = { key: 'settings.error.maxBelowBase' };
  for (const issue of parsed.error.issues) {
    const field = issue.path.join('.') as SettingsField;
    if (!SETTINGS_FIELDS.includes(field) || problems[field]) continue;
    problems[field] = problemOf(issue, field);
  }
  return { ok: false, problems };
}

function problemOf(issue: z.core.$ZodIssue, field: SettingsField): FieldProblem {
  switch (issue.code) {
    case 'too_small': return { key: 'settings.error.min', params: { min: Number(issue.minimum) } };
    case 'too_big': return { key: 'settings.error.max', params: { max: Number(issue.maximum) } };
    case 'invalid_type': return { key: issue.expected === 'int' ? 'settings.error.integer' : 'settings.error.number' };
    default: return field === 'retry.maxMs' ? { key: 'settings.error.maxBelowBase' } : { key: 'settings.error.number' };
  }
}
