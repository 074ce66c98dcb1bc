/**
 * @module TemplateStore port: integration templates (every version kept) and the links from the
 * flows made from them (instances) to the template version and the answers they were made with.
 * A port of its own, not part of the Store: the Store is being split by concern.
 */
import type { Wizard, WizardAnswers } from '@weft/api-client';

export interface TemplateRecord {
  id: string;
  name: string;
  description: string;
  category: string;
  tags: string[];
  icon?: string;
  customFields: Record<string, string | number | boolean>;
  /** 1 for the first; each update stores the next one beside the earlier ones. */
  version: number;
  /** The flow descriptor an instance starts from. */
  flow: Record<string, unknown>;
  wizard: Wizard;
  /** Of the template (version 1); `updatedAt` is this version's. */
  createdAt: number;
  updatedAt: number;
  /** A user id, or `host:<host key id>`. */
  createdBy: string;
}

/** A flow made from a template: which version, with which answers, for whom. */
export interface InstanceLink {
  flowId: string;
  templateId: string;
  version: number;
  answers: WizardAnswers;
  tenantId: string;
  userId: string;
  createdAt: number;
  updatedAt: number;
}

export interface TemplateListFilter {
  category?: string;
  /** Templates carrying this tag. */
  tag?: string;
  /** Each named custom field's text form equals the value (as `GET /flows?customFields.x=y`). */
  customFields?: Record<string, string>;
}

export type TemplateSaveResult =
  | { ok: true; template: TemplateRecord }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'conflict'; current: TemplateRecord };

export interface TemplateStore {
  /** Stores version 1; rejects with `template.conflict` if the id exists. */
  createTemplate(record: TemplateRecord): Promise<void>;
  /** Stores `next` as version `expectedVersion + 1` when the newest version is `expectedVersion`. */
  saveTemplateVersion(next: Omit<TemplateRecord, 'version' | 'createdAt'>, expectedVersion: number): Promise<TemplateSaveResult>;
  /** The newest version, or the one asked for. */
  getTemplate(id: string, version?: number): Promise<TemplateRecord | undefined>;
  /** The newest version of each template, by name. */
  listTemplates(filter?: TemplateListFilter): Promise<TemplateRecord[]>;
  /** Removes every version and every instance link; false when there was none. */
  deleteTemplate(id: string): Promise<boolean>;

  /** Creates or replaces the link of `link.flowId`. */
  putInstance(link: InstanceLink): Promise<void>;
  getInstance(flowId: string): Promise<InstanceLink | undefined>;
  /** Links of one tenant's flows, or of one template, oldest first. */
  listInstances(query: { tenantId: string } | { templateId: string }): Promise<InstanceLink[]>;
  /** The flow stops following its template; false when it was not linked. */
  deleteInstance(flowId: string): Promise<boolean>;

  close(): Promise<void>;
}

/** Whether `template` matches `filter` (shared by the adapters that filter in memory). */
export function matchesTemplateFilter(template: TemplateRecord, filter: TemplateListFilter): boolean {
  if (filter.category !== undefined && template.category !== filter.category) return false;
  if (filter.tag !== undefined && !template.tags.includes(filter.tag)) return false;
  for (const [name, value] of Object.entries(filter.customFields ?? {})) {
    if (!Object.hasOwn(template.customFields, name) || String(template.customFields[name]) !== value) return false;
  }
  return true;
}
