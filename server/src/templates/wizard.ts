/**
 * @module Template wizard: checks a wizard against its flow, checks answers against the wizard,
 * writes the answers into a copy of the flow at the bound paths, and says which fields of a newer
 * version must be asked again. Pure functions: data in, data (or problems) out.
 */
import { evaluateWhen } from '@weft/connector-kit';
import type { Wizard, WizardAnswers, WizardField, WizardProblem } from '@weft/api-client';

/** A problem of the template itself, with the path of the offending field in the request body. */
export interface TemplateProblem {
  code: string;
  message: string;
  path: string;
}

/** The wizard must fit the flow: unique field ids, binds and option sources naming its components, choices to choose from. */
export function wizardProblems(flow: Record<string, unknown>, wizard: Wizard): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const seen = new Set<string>();
  wizard.fields.forEach((field, i) => {
    const at = `body.wizard.fields.${i}`;
    if (seen.has(field.id)) problems.push({ code: 'template.invalid', message: `Two wizard fields have the id "${field.id}".`, path: `${at}.id` });
    seen.add(field.id);
    field.bind.forEach((bind, j) => {
      if (!Object.hasOwn(flow, bind.componentId)) {
        problems.push({ code: 'template.invalid', message: `The field "${field.id}" is bound to "${bind.componentId}", which is not a component of the template's flow.`, path: `${at}.bind.${j}.componentId` });
      }
    });
    if (field.source && !Object.hasOwn(flow, field.source.componentId)) {
      problems.push({ code: 'template.invalid', message: `The options of "${field.id}" come from "${field.source.componentId}", which is not a component of the template's flow.`, path: `${at}.source.componentId` });
    }
    if ((field.type === 'select' || field.type === 'multiselect') && !field.options?.length && !field.source) {
      problems.push({ code: 'template.invalid', message: `The ${field.type} "${field.id}" needs options or a source of options.`, path: `${at}.options` });
    }
  });
  return problems;
}

/** The fields that show given these answers (a field whose `when` fails is neither asked nor applied). */
export function shownFields(wizard: Wizard, answers: WizardAnswers): WizardField[] {
  const values = effectiveAnswers(wizard, answers, false);
  return wizard.fields.filter((field) => evaluateWhen(field.when, values));
}

/** Answers with each unanswered field's default filled in; `onlyShown` drops the fields whose `when` fails. */
function effectiveAnswers(wizard: Wizard, answers: WizardAnswers, onlyShown: boolean): WizardAnswers {
  const values: WizardAnswers = {};
  for (const field of wizard.fields) {
    if (Object.hasOwn(answers, field.id)) values[field.id] = answers[field.id];
    else if (field.defaultValue !== undefined) values[field.id] = field.defaultValue;
  }
  if (!onlyShown) return values;
  const shown = new Set(wizard.fields.filter((field) => evaluateWhen(field.when, values)).map((field) => field.id));
  return Object.fromEntries(Object.entries(values).filter(([id]) => shown.has(id)));
}

/** The problems an answer can have (each catalogued, as flow problems are). */
export type WizardErrorCode = 'wizard.required' | 'wizard.type' | 'wizard.option' | 'wizard.account' | 'wizard.unknown_field';

/** Option values may be objects (dynamic options): compared by their JSON. */
const same = (a: unknown, b: unknown) => a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b));

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** What is wrong with one answer for its field, or undefined when it fits. */
function answerProblem(field: WizardField, value: unknown, accountIds: ReadonlySet<string> | undefined, dynamic: readonly unknown[] | undefined): WizardProblem | undefined {
  const problem = (code: WizardErrorCode, message: string): WizardProblem => ({ fieldId: field.id, code, message: `${field.label}: ${message}` });
  if (isEmpty(value)) return field.required ? problem('wizard.required', 'an answer is required.') : undefined;
  // Dynamic options (a source) are checked against the list the component gave, when the caller fetched it.
  const allowed = field.source !== undefined ? dynamic : field.options?.map((option) => option.value);
  const isAllowed = (item: unknown) => allowed === undefined || allowed.some((option) => same(option, item));
  switch (field.type) {
    case 'text':
      return typeof value === 'string' ? undefined : problem('wizard.type', 'expected text.');
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : problem('wizard.type', 'expected a number.');
    case 'toggle':
      return typeof value === 'boolean' ? undefined : problem('wizard.type', 'expected true or false.');
    case 'select':
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return problem('wizard.type', 'expected one of the options.');
      return isAllowed(value) ? undefined : problem('wizard.option', `"${String(value)}" is not one of the options.`);
    case 'multiselect':
      if (!Array.isArray(value)) return problem('wizard.type', 'expected a list of options.');
      return value.every(isAllowed) ? undefined : problem('wizard.option', 'some choices are not among the options.');
    case 'account':
      if (typeof value !== 'string') return problem('wizard.type', 'expected the id of a connected account.');
      // Only the caller's own accounts: an id of someone else's is answered like an unknown one.
      return accountIds === undefined || accountIds.has(value) ? undefined : problem('wizard.account', 'no connected account of yours has this id.');
    case 'mapping':
      // A variable expression ("{{{$.hook.out.body.email}}}") or a JSON value the mapping takes as is.
      return undefined;
  }
}

/**
 * Problems of `answers` for `wizard`: answers to unknown fields, missing required answers, and
 * answers of the wrong type or outside the options, each naming its field id. `accountIds`: the
 * caller's connected accounts, `dynamicOptions` the values each sourced field's component offers
 * (either undefined: not checked).
 */
export function answerProblems(wizard: Wizard, answers: WizardAnswers, accountIds?: ReadonlySet<string>, dynamicOptions?: ReadonlyMap<string, readonly unknown[]>): WizardProblem[] {
  const problems: WizardProblem[] = [];
  const known = new Set(wizard.fields.map((field) => field.id));
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) problems.push({ fieldId: id, code: 'wizard.unknown_field', message: `The wizard has no field "${id}".` });
  }
  const values = effectiveAnswers(wizard, answers, false);
  for (const field of shownFields(wizard, answers)) {
    const problem = answerProblem(field, values[field.id], accountIds, dynamicOptions?.get(field.id));
    if (problem) problems.push(problem);
  }
  return problems;
}

/** A copy of `flow` with each shown field's answer (or default) written at its bound paths. */
export function applyAnswers(flow: Record<string, unknown>, wizard: Wizard, answers: WizardAnswers): Record<string, unknown> {
  const copy = structuredClone(flow);
  const values = effectiveAnswers(wizard, answers, true);
  for (const field of wizard.fields) {
    if (!Object.hasOwn(values, field.id)) continue;
    for (const bind of field.bind) {
      const component = copy[bind.componentId];
      if (component === null || typeof component !== 'object') continue;
      setPath(component as Record<string, unknown>, bind.path.split('.'), structuredClone(values[field.id]));
    }
  }
  return copy;
}

/** Sets `target[a][b]…[z] = value`, making plain objects on the way (the schema forbids __proto__ & co.). */
function setPath(target: Record<string, unknown>, segments: string[], value: unknown): void {
  let node = target;
  for (const segment of segments.slice(0, -1)) {
    const next = Object.hasOwn(node, segment) ? node[segment] : undefined;
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  node[segments.at(-1)!] = value;
}

/** The wizard fields whose binds touch `problemPath` (`flow.<componentId>.config…`, as validation reports it). */
export function fieldsAt(wizard: Wizard, problemPath: string): string[] {
  const path = problemPath.replace(/^(body\.)?flow\./, '');
  return wizard.fields
    .filter((field) => field.bind.some((bind) => {
      // Validation names a mapping's field without the edge's `lambda` key: `set.config.transform.in.hook.out.values.x`.
      const bound = `${bind.componentId}.${bind.path}`.replace(/^([^.]+\.config\.transform\.[^.]+\.[^.]+\.[^.]+)\.lambda(?=\.|$)/, '$1');
      return path === bound || path.startsWith(`${bound}.`) || bound.startsWith(`${path}.`);
    }))
    .map((field) => field.id);
}

/**
 * Moving an instance to a newer template version: its stored answers merged with new ones, and the
 * fields that must be asked again (a field whose type changed, an answer that no longer fits, a
 * new required field). Answers to fields the new version dropped are left out and named.
 */
export function carryAnswers(previous: Wizard | undefined, next: Wizard, stored: WizardAnswers, given: WizardAnswers, accountIds?: ReadonlySet<string>, dynamicOptions?: ReadonlyMap<string, readonly unknown[]>) {
  const nextIds = new Set(next.fields.map((field) => field.id));
  const dropped = Object.keys(stored).filter((id) => !nextIds.has(id));
  const answers: WizardAnswers = {};
  for (const field of next.fields) {
    const before = previous?.fields.find((candidate) => candidate.id === field.id);
    // A stored answer to a field whose type changed is not carried: the question is a different one now.
    const carries = Object.hasOwn(stored, field.id) && (before === undefined || before.type === field.type);
    if (Object.hasOwn(given, field.id)) answers[field.id] = given[field.id];
    else if (carries) answers[field.id] = stored[field.id];
  }
  const needed = new Set<string>();
  for (const field of next.fields) {
    const before = previous?.fields.find((candidate) => candidate.id === field.id);
    if (before !== undefined && before.type !== field.type && !Object.hasOwn(given, field.id) && Object.hasOwn(stored, field.id)) needed.add(field.id);
  }
  const unknown = Object.keys(given).filter((id) => !nextIds.has(id));
  const problems = answerProblems(next, answers, accountIds, dynamicOptions);
  for (const problem of problems) if (nextIds.has(problem.fieldId)) needed.add(problem.fieldId);
  return { answers, dropped, needed: next.fields.map((field) => field.id).filter((id) => needed.has(id)), unknown, problems };
}
