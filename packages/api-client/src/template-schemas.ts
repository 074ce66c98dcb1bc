/**
 * @module Templates and integrations: a template is a flow descriptor plus a wizard whose answers
 * are written into the flow at bound paths; an integration (instance) is a flow made from one.
 */
import { z } from 'zod';
import { WhenCondition } from '@weft/connector-kit';
import { CustomFields, FlowJson, FlowStage, FlowSummary } from './schemas.ts';

/** A wizard field id: 1–64 letters, digits, "_" or "-" (it names the answer). */
export const WizardFieldId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1 to 64 letters, digits, "_" or "-"');

export const WizardFieldType = z.enum(['text', 'number', 'select', 'multiselect', 'toggle', 'account', 'mapping']);
export type WizardFieldType = z.infer<typeof WizardFieldType>;

const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Where an answer goes inside one component of the template's flow: a dotted path under `config`,
 * `config.properties.<name>…` (a property) or `config.transform.<inPort>.<source>.<outPort>.lambda.<field>…`
 * (the mapping of an in-port). Answers never reach a component's type or connections.
 */
export const WizardBindPath = z
  .string()
  .max(500)
  .regex(/^config\.(properties|transform)(\.[^.]+)+$/, 'a dotted path under config.properties or config.transform, e.g. config.properties.channel')
  .refine((path) => path.split('.').every((segment) => !FORBIDDEN_SEGMENTS.has(segment)), 'the path may not name __proto__, prototype or constructor');

export const WizardBind = z.object({ componentId: z.string().min(1).max(200), path: WizardBindPath }).strict();
export type WizardBind = z.infer<typeof WizardBind>;

export const WizardOption = z.object({ label: z.string().max(200), value: z.union([z.string().max(500), z.number(), z.boolean()]) }).strict();
export type WizardOption = z.infer<typeof WizardOption>;

export const WizardField = z.object({
  id: WizardFieldId,
  type: WizardFieldType,
  label: z.string().min(1).max(200),
  tooltip: z.string().max(2000).optional(),
  required: z.boolean().optional(),
  /** Used when the field shows and has no answer. */
  defaultValue: z.unknown().optional(),
  /** Static choices of a select or multiselect. */
  options: z.array(WizardOption).max(500).optional(),
  /** Dynamic choices: the component's `options(name)`, as `GET /components/:type/options/:name` gives them. */
  source: z.object({ componentId: z.string().min(1).max(200), name: z.string().min(1).max(100) }).strict().optional(),
  /** Shown (and applied) only when this holds over the other answers, as in the inspector. */
  when: WhenCondition.optional(),
  bind: z.array(WizardBind).min(1).max(20),
}).strict();
export type WizardField = z.infer<typeof WizardField>;

export const Wizard = z.object({ fields: z.array(WizardField).max(100) }).strict();
export type Wizard = z.infer<typeof Wizard>;

/** Answers by wizard field id. */
export const WizardAnswers = z.record(WizardFieldId, z.unknown()).refine((answers) => Object.keys(answers).length <= 100, 'at most 100 answers');
export type WizardAnswers = z.infer<typeof WizardAnswers>;

const TemplateFields = {
  name: z.string().min(1).max(200),
  description: z.string().max(5000).default(''),
  category: z.string().max(100).default(''),
  tags: z.array(z.string().min(1).max(50)).max(30).default([]),
  icon: z.string().max(2000).optional(),
  customFields: CustomFields.default({}),
  flow: FlowJson,
  wizard: Wizard.default({ fields: [] }),
};

export const CreateTemplateBody = z.object(TemplateFields).strict();
export type CreateTemplateBody = z.input<typeof CreateTemplateBody>;

/** A new version: the whole template again, with the version it replaces (409 `template.conflict` if stale). */
export const UpdateTemplateBody = z.object({ ...TemplateFields, version: z.number().int().positive() }).strict();
export type UpdateTemplateBody = z.input<typeof UpdateTemplateBody>;

export const Template = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  icon: z.string().optional(),
  customFields: CustomFields,
  version: z.number().int(),
  flow: FlowJson,
  wizard: Wizard,
  createdAt: z.number(),
  updatedAt: z.number(),
  createdBy: z.string(),
});
export type Template = z.infer<typeof Template>;

export const TemplateListQuery = z.object({
  category: z.string().max(100).optional(),
  tag: z.string().max(50).optional(),
  search: z.string().max(200).optional(),
});
export type TemplateListQuery = z.input<typeof TemplateListQuery>;

export const TemplateList = z.object({ items: z.array(Template.omit({ flow: true })) });
export type TemplateList = z.infer<typeof TemplateList>;

export const DeleteTemplateQuery = z.object({ force: z.enum(['true', 'false']).optional() });

export const CreateInstanceBody = z.object({
  answers: WizardAnswers.default({}),
  /** The flow's name; default the template's. */
  name: z.string().min(1).max(200).optional(),
}).strict();
export type CreateInstanceBody = z.input<typeof CreateInstanceBody>;

export const CreatedInstance = z.object({ flowId: z.string(), templateId: z.string(), version: z.number().int(), correlationId: z.string().optional() });
export type CreatedInstance = z.infer<typeof CreatedInstance>;

export const Integration = z.object({
  flowId: z.string(),
  name: z.string(),
  stage: FlowStage,
  userId: z.string(),
  template: z.object({ id: z.string(), name: z.string(), version: z.number().int(), latestVersion: z.number().int().optional() }),
  answers: WizardAnswers,
  updateAvailable: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
  lastRun: FlowSummary.shape.lastRun,
});
export type Integration = z.infer<typeof Integration>;

export const IntegrationList = z.object({ items: z.array(Integration) });
export type IntegrationList = z.infer<typeof IntegrationList>;

export const UpdateIntegrationBody = z.object({ answers: WizardAnswers.default({}) }).strict();
export type UpdateIntegrationBody = z.input<typeof UpdateIntegrationBody>;

export const UpdatedIntegration = z.object({
  flowId: z.string(),
  version: z.number().int(),
  /** Stored answers to fields the new version no longer has: dropped. */
  droppedAnswers: z.array(z.string()),
});
export type UpdatedIntegration = z.infer<typeof UpdatedIntegration>;

/** One problem of a wizard's answers (`details` of 422 `template.answers_invalid` / `template.answers_needed`). */
export const WizardProblem = z.object({ fieldId: z.string(), code: z.string(), message: z.string() });
export type WizardProblem = z.infer<typeof WizardProblem>;
