/**
 * @module Template draft: what the "Make a template" dialog edits (which component properties the
 * wizard asks, and how), turned into a `POST /templates` / `PUT /templates/:id` body. Pure: no React.
 */
import { CreateTemplateBody, type WizardField, type WizardFieldType } from '@weft/api-client';
import type { InspectorInput, Manifest } from '@weft/connector-kit';
import type { FlowDescriptor } from '@weft/flow';

/** One property (or one in-port field of one incoming connection) of a component that the wizard may ask for. */
export interface AskableProperty {
  /** The bind path: `config.properties.<name>` or `config.transform.<inPort>.<source>.<outPort>.lambda.<field>`. */
  path: string;
  componentId: string;
  componentLabel: string;
  /** The property's or in-port field's name. */
  property: string;
  input: InspectorInput;
  /** For an in-port field of a component fed by several connections: the label of the one this is. */
  sourceLabel?: string | undefined;
}

/** A wizard field being drawn. `options` is one `label=value` (or just `value`) a line; `whenField`/`whenValue` show it only when another answer equals a value. */
export interface DraftField {
  id: string;
  componentId: string;
  /** The bind path of the askable it asks (see `AskableProperty.path`). */
  path: string;
  property: string;
  label: string;
  type: WizardFieldType;
  required: boolean;
  options: string;
  whenField: string;
  whenValue: string;
}

export interface TemplateDraft {
  name: string;
  description: string;
  category: string;
  icon: string;
  fields: DraftField[];
}

/**
 * One problem: `required` (left empty), `options` (a list without choices), `duplicate` (two fields, one id) the
 * dialog says in the person's language; `invalid` and `engine` carry the schema's or the engine's sentence.
 */
export interface DraftProblem {
  code: 'required' | 'options' | 'duplicate' | 'invalid' | 'engine';
  message: string;
}

/** Problems by draft path: `name`, `icon`, `fields.<i>.label`, `fields.<i>.options`, `fields.<i>` (the field as a whole). */
export type DraftProblems = Record<string, DraftProblem>;

const byIndex = (inputs: Readonly<Record<string, InspectorInput>> | undefined) => Object.entries(inputs ?? {})
  .sort(([, a], [, b]) => (a.index ?? Number.MAX_SAFE_INTEGER) - (b.index ?? Number.MAX_SAFE_INTEGER));

/**
 * Every inspector input of the flow's components, in canvas order: properties first, then each
 * in-port's fields once per connection that feeds the port (a mapping belongs to one connection).
 */
export function listAskableProperties(
  components: readonly { id: string; type: string; label?: string | undefined }[],
  connections: readonly { source: string; outPort: string; target: string; inPort: string }[],
  manifests: Readonly<Record<string, Manifest>>,
): AskableProperty[] {
  const labelOf = (id: string) => {
    const component = components.find((c) => c.id === id);
    return component ? component.label ?? manifests[component.type]?.label ?? component.type : id;
  };
  return components.flatMap((component) => {
    const manifest = manifests[component.type];
    const componentLabel = labelOf(component.id);
    const properties = byIndex(manifest?.properties?.inspector?.inputs).map(([property, input]): AskableProperty => ({
      path: `config.properties.${property}`, componentId: component.id, componentLabel, property, input,
    }));
    const fields = (manifest?.inPorts ?? []).flatMap((port) => {
      const feeding = connections.filter((c) => c.target === component.id && c.inPort === port.name);
      return feeding.flatMap((c) => byIndex(port.inspector?.inputs).map(([property, input]): AskableProperty => ({
        path: `config.transform.${port.name}.${c.source}.${c.outPort}.lambda.${property}`,
        componentId: component.id, componentLabel, property, input,
        ...(feeding.length > 1 ? { sourceLabel: labelOf(c.source) } : {}),
      })));
    });
    return [...properties, ...fields];
  });
}

/** The wizard type nearest to an inspector input: account pickers stay account pickers, code and dates become text. */
export function wizardTypeOf(input: InspectorInput): WizardFieldType {
  switch (input.type) {
    case 'number': return 'number';
    case 'toggle': return 'toggle';
    case 'select': return input.source?.name === 'accounts' ? 'account' : 'select';
    case 'multiselect': return 'multiselect';
    default: return 'text';
  }
}

/** A wizard field id from the property name, unique among `taken`. */
function fieldIdFor(property: string, taken: ReadonlySet<string>): string {
  const base = property.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 60) || 'field';
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}_${n}`;
  return id;
}

export function fieldFor(askable: AskableProperty, taken: ReadonlySet<string>): DraftField {
  const options = (askable.input.options ?? []).map((option) => `${option.label}=${String(option.value)}`).join('\n');
  return {
    id: fieldIdFor(askable.property, taken),
    componentId: askable.componentId,
    path: askable.path,
    property: askable.property,
    label: askable.input.label,
    type: wizardTypeOf(askable.input),
    required: false,
    options,
    whenField: '',
    whenValue: '',
  };
}

/** `label=value` lines; a bare line is both; numbers and booleans keep their type when the property's options had it. */
export function parseOptions(text: string): { label: string; value: string | number | boolean }[] {
  return text.split('\n').map((line) => line.trim()).filter((line) => line !== '').map((line) => {
    const at = line.indexOf('=');
    const label = at === -1 ? line : line.slice(0, at).trim();
    const raw = at === -1 ? line : line.slice(at + 1).trim();
    const value = raw === 'true' ? true : raw === 'false' ? false : raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
    return { label: label || raw, value };
  });
}

function wizardField(field: DraftField, askable: AskableProperty | undefined): WizardField {
  const hasOptions = field.type === 'select' || field.type === 'multiselect';
  const options = hasOptions ? parseOptions(field.options) : [];
  // A select whose property loads its options from the component keeps doing so in the wizard.
  const sourceName = askable?.input.source?.name;
  const source = hasOptions && options.length === 0 && sourceName !== undefined ? { componentId: field.componentId, name: sourceName } : undefined;
  return {
    id: field.id,
    type: field.type,
    label: field.label.trim(),
    ...(field.required ? { required: true } : {}),
    ...(options.length > 0 ? { options } : {}),
    ...(source ? { source } : {}),
    ...(field.whenField !== '' ? { when: { eq: { [field.whenField]: parseOptions(field.whenValue)[0]?.value ?? '' } } } : {}),
    bind: [{ componentId: field.componentId, path: field.path }],
  };
}

export function templateBody(draft: TemplateDraft, flow: FlowDescriptor, askables: readonly AskableProperty[]): CreateTemplateBody {
  const askable = (field: DraftField) => askables.find((a) => a.componentId === field.componentId && a.path === field.path);
  return {
    name: draft.name.trim(),
    description: draft.description.trim(),
    category: draft.category.trim(),
    ...(draft.icon.trim() !== '' ? { icon: draft.icon.trim() } : {}),
    flow,
    wizard: { fields: draft.fields.map((field) => wizardField(field, askable(field))) },
  };
}

/**
 * Problems the engine would answer with, found before sending: the body's own schema, a select
 * without choices, two fields with one id. Paths are the draft's (see `DraftProblems`).
 */
export function draftProblems(body: CreateTemplateBody): DraftProblems {
  const problems: DraftProblems = {};
  const parsed = CreateTemplateBody.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = draftPath(issue.path.map(String));
      const isEmpty = issue.code === 'too_small' && 'origin' in issue && issue.origin === 'string';
      problems[key] ??= { code: isEmpty ? 'required' : 'invalid', message: issue.message };
    }
  }
  const seen = new Set<string>();
  (body.wizard?.fields ?? []).forEach((field, i) => {
    if (seen.has(field.id)) problems[`fields.${i}.id`] ??= { code: 'duplicate', message: `Two fields have the id "${field.id}".` };
    seen.add(field.id);
    if ((field.type === 'select' || field.type === 'multiselect') && !field.options?.length && !field.source) {
      problems[`fields.${i}.options`] ??= { code: 'options', message: 'List the choices, one a line (label=value).' };
    }
  });
  return problems;
}

/** A body path (`wizard.fields.0.label`, or the engine's `body.wizard.fields.0.bind.0.componentId`) as a draft path. */
export function draftPath(path: readonly string[] | string): string {
  const parts = (typeof path === 'string' ? path.split('.') : [...path]).filter((part) => part !== '');
  if (parts[0] === 'body') parts.shift();
  if (parts[0] === 'wizard' && parts[1] === 'fields' && parts[2] !== undefined) {
    const rest = parts[3];
    // What a person edits per field: its id, label and options; anything else (bind, source, when) is the field's.
    return rest === 'label' || rest === 'options' || rest === 'id' ? `fields.${parts[2]}.${rest}` : `fields.${parts[2]}`;
  }
  return parts[0] ?? 'form';
}
