/** @module Designer services: the API, autosave and host events of one designer, shared below its root. */
import { createContext, useContext } from 'react';
import type { DesignerApi } from '../api/designer-api.ts';
import type { Autosave } from '../sync/autosave.ts';
import type { TestRunner } from '../sync/test-runner.ts';
import type { DesignerStringKey } from '../strings/designer-strings.ts';

export type DesignerEvent =
  | { type: 'designer:save'; flowId: string; version: number }
  | { type: 'designer:error'; flowId: string; message: string; code?: string }
  | { type: 'flow:start'; flowId: string }
  | { type: 'flow:stop'; flowId: string }
  /** The draft was published as `version` (a running flow now runs it). */
  | { type: 'flow:publish'; flowId: string; version: number }
  /** A webhook component was selected (its inspector opened): where it answers. */
  | { type: 'webhook:url'; flowId: string; componentId: string; label: string; url: string }
  /** The flow was saved as a template (`version` 1) or as a new version of one. */
  | { type: 'template:save'; flowId: string; templateId: string; version: number }
  /** The flow was made from a template and stopped following it (its first edit). */
  | { type: 'integration:detach'; flowId: string; templateId: string };

export interface DesignerServices {
  api: DesignerApi;
  autosave: Autosave;
  testRunner: TestRunner;
  emit: (event: DesignerEvent) => void;
  t: (key: DesignerStringKey, params?: Record<string, string | number>) => string;
  /** The SDK's locale: connectors' own texts (palette labels) follow it. */
  locale?: string | undefined;
  /** The `templates` option: "Make a template" shows (operators; it also needs `api.createTemplate`). */
  canMakeTemplates?: boolean | undefined;
}

export const DesignerServicesContext = createContext<DesignerServices | null>(null);

export function useDesignerServices(): DesignerServices {
  const services = useContext(DesignerServicesContext);
  if (!services) throw new Error('useDesignerServices must be used inside <Designer>');
  return services;
}

/** Designer strings, type-checked against the catalogue. */
export function useT(): DesignerServices['t'] {
  return useDesignerServices().t;
}
