/** @module IntegrationsHost, WizardHost: mount the widgets with `mountIntegrations` / `mountWizard` on a fresh fake engine. */
import { useCallback } from 'react';
import { mountIntegrations, mountWizard } from '@weft/integrations';
import type { Theme } from '@weft/ui-kit';
import { ShadowHost } from '../support/shadow-host.tsx';
import { createIntegrationsFake, type IntegrationsData, type IntegrationsFake } from './integrations-fake.ts';

export interface IntegrationsHostProps {
  /** What the engine holds when the widget mounts; called on every mount. */
  makeData: () => IntegrationsData;
  theme: Theme;
  locale: 'en' | 'cs';
  /** Play functions read what was posted here. */
  onFake?: (fake: IntegrationsFake) => void;
}

export function IntegrationsHost({ makeData, theme, locale, onFake }: IntegrationsHostProps) {
  const mount = useCallback((el: HTMLElement) => {
    const fake = createIntegrationsFake(makeData());
    onFake?.(fake);
    const widget = mountIntegrations(el, { api: fake.api, theme, locale, pollMs: 0 });
    return () => widget.unmount();
  }, [makeData, theme, locale, onFake]);
  return <ShadowHost mount={mount} />;
}

export function WizardHost({ makeData, theme, locale, onFake, templateId }: IntegrationsHostProps & { templateId: string }) {
  const mount = useCallback((el: HTMLElement) => {
    const fake = createIntegrationsFake(makeData());
    onFake?.(fake);
    const widget = mountWizard(el, { api: fake.api, theme, locale, templateId });
    return () => widget.unmount();
  }, [makeData, theme, locale, onFake, templateId]);
  return <ShadowHost mount={mount} style={{ maxWidth: 560 }} />;
}
