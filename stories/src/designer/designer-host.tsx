/** @module DesignerHost: mounts the designer with `mountDesigner`, as a host page does, on a fresh mock API. */
import { useCallback } from 'react';
import { mountDesigner, type DesignerApi } from '@weft/designer';
import type { Theme } from '@weft/ui-kit';
import { ShadowHost } from '../support/shadow-host.tsx';
import { designerFlowId } from './designer-fixtures.ts';

export interface DesignerHostProps {
  /** Called on every mount, so each story (and each test) starts from the same server state. */
  makeApi: () => DesignerApi;
  theme: Theme;
  locale: 'en' | 'cs';
  autosaveDelayMs: number;
  /** "Make a template" (operators). */
  templates?: boolean;
}

export function DesignerHost({ makeApi, theme, locale, autosaveDelayMs, templates = false }: DesignerHostProps) {
  const mount = useCallback(
    (el: HTMLElement) => mountDesigner(el, { flowId: designerFlowId, api: makeApi(), theme, locale, autosaveDelayMs, templates }),
    [makeApi, theme, locale, autosaveDelayMs, templates],
  );
  return <ShadowHost mount={mount} style={{ ['--weft-designer-height' as string]: '680px' }} />;
}
