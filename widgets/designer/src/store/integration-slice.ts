/** @module Integration slice: the template this flow follows, when it was made from one (an integration). */
import type { DesignerSlice } from './designer-state.ts';

export interface TemplateLink {
  templateId: string;
  name: string;
  version: number;
}

export interface IntegrationSlice {
  /** Absent: the flow follows no template (or the engine cannot say). */
  templateLink: TemplateLink | undefined;
  /** Set while the designer asks the engine to detach the flow, so one edit detaches it once. */
  isDetaching: boolean;
  setTemplateLink: (link: TemplateLink | undefined) => void;
  setDetaching: (isDetaching: boolean) => void;
  /** The template this designer just saved, shown until dismissed. */
  savedTemplate: { name: string; version: number } | undefined;
  setSavedTemplate: (saved: { name: string; version: number } | undefined) => void;
}

export const createIntegrationSlice: DesignerSlice<IntegrationSlice> = (set) => ({
  templateLink: undefined,
  isDetaching: false,
  setTemplateLink(templateLink) {
    set({ templateLink });
  },
  setDetaching(isDetaching) {
    set({ isDetaching });
  },
  savedTemplate: undefined,
  setSavedTemplate(savedTemplate) {
    set({ savedTemplate });
  },
});
