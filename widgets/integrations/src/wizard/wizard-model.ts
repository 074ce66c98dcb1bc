/**
 * @module Wizard model: which fields show for the answers so far, what is wrong with an answer
 * before it is sent, and which component a field is about. Pure functions; the engine checks the
 * same answers again (`template.answers_invalid`), this only spares a round trip.
 */
import { evaluateWhen } from '@weft/connector-kit';
import type { Template, Wizard, WizardAnswers, WizardField } from '@weft/api-client';

/** Answers with each unanswered field's default filled in (as the engine reads them). */
export function effectiveAnswers(wizard: Wizard, answers: WizardAnswers): WizardAnswers {
  const values: WizardAnswers = {};
  for (const field of wizard.fields) {
    if (Object.hasOwn(answers, field.id)) values[field.id] = answers[field.id];
    else if (field.defaultValue !== undefined) values[field.id] = field.defaultValue;
  }
  return values;
}

/** The fields that show given these answers: a field whose `when` fails is neither asked nor sent. */
export function shownFields(wizard: Wizard, answers: WizardAnswers): WizardField[] {
  const values = effectiveAnswers(wizard, answers);
  return wizard.fields.filter((field) => evaluateWhen(field.when, values));
}

export const isEmptyAnswer = (value: unknown): boolean =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** A problem of one answer, as a catalogue key (`wizard.required`, `wizard.notNumber`), or undefined. */
export function answerProblemKey(field: WizardField, value: unknown): string | undefined {
  if (isEmptyAnswer(value)) return field.required ? 'wizard.required' : undefined;
  if (field.type === 'number' && (typeof value !== 'number' || !Number.isFinite(value))) return 'wizard.notNumber';
  return undefined;
}

/** Problems of the shown fields, by field id (catalogue keys). */
export function answerProblems(wizard: Wizard, answers: WizardAnswers): Record<string, string> {
  const values = effectiveAnswers(wizard, answers);
  const problems: Record<string, string> = {};
  for (const field of shownFields(wizard, answers)) {
    const key = answerProblemKey(field, values[field.id]);
    if (key) problems[field.id] = key;
  }
  return problems;
}

/** What is sent: answers of shown fields only, empty optional ones left out (the default then applies). */
export function answersToSend(wizard: Wizard, answers: WizardAnswers): WizardAnswers {
  const out: WizardAnswers = {};
  for (const field of shownFields(wizard, answers)) {
    if (Object.hasOwn(answers, field.id) && !isEmptyAnswer(answers[field.id])) out[field.id] = answers[field.id];
  }
  return out;
}

/** The component type a field is bound to (its first bind), read from the template's flow. */
export function boundComponentType(template: Pick<Template, 'flow'>, componentId: string | undefined): string | undefined {
  if (componentId === undefined) return undefined;
  const component = template.flow[componentId];
  if (component === null || typeof component !== 'object') return undefined;
  const type = (component as { type?: unknown }).type;
  return typeof type === 'string' ? type : undefined;
}

/** The connector of a component type: its first two name parts (`weft.postgres.Query` → `weft.postgres`). */
export function connectorOf(componentType: string): string {
  return componentType.split('.').slice(0, 2).join('.');
}

/**
 * The properties a component would get from these answers (its template properties with the
 * answers bound under `config.properties` written in): what `options()` of a dynamic select reads.
 */
export function propertiesWithAnswers(template: Pick<Template, 'flow' | 'wizard'>, componentId: string, answers: WizardAnswers): Record<string, unknown> {
  const component = template.flow[componentId] as { config?: { properties?: Record<string, unknown> } } | undefined;
  const properties: Record<string, unknown> = structuredClone(component?.config?.properties ?? {});
  const values = effectiveAnswers(template.wizard, answers);
  for (const field of shownFields(template.wizard, answers)) {
    if (!Object.hasOwn(values, field.id)) continue;
    for (const bind of field.bind) {
      if (bind.componentId !== componentId) continue;
      const [config, kind, name, ...rest] = bind.path.split('.');
      if (config !== 'config' || kind !== 'properties' || name === undefined || rest.length > 0) continue;
      properties[name] = values[field.id];
    }
  }
  return properties;
}

/** Wizard field ids named by a 422 `template.answers_invalid` / `answers_needed`, with the engine's message of each. */
export function problemsFromError(details: unknown): Record<string, string> {
  const problems = (details as { problems?: unknown } | undefined)?.problems;
  const out: Record<string, string> = {};
  if (!Array.isArray(problems)) return out;
  for (const problem of problems as { fieldId?: unknown; message?: unknown }[]) {
    if (typeof problem.fieldId === 'string' && problem.fieldId !== '' && typeof problem.message === 'string' && !(problem.fieldId in out)) out[problem.fieldId] = problem.message;
  }
  return out;
}
