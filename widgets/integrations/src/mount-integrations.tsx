/** @module mountIntegrations, mountWizard: the widgets in a shadow root of any element, for hosts without React. */
import { createRef } from 'react';
import { mountWidget, type WidgetHandle } from '@weft/ui-kit';
import { Integrations, type IntegrationsProps } from './integrations.tsx';
import { Wizard, type WizardBaseProps } from './wizard.tsx';
import type { WizardTarget } from './store/wizard-store.ts';
import styles from './styles/theme.css?inline';

export type IntegrationsOptions = Omit<IntegrationsProps, 'ref'>;
export type WizardOptions = WizardTarget & Omit<WizardBaseProps, 'ref'>;

export interface MountedWidgetHandle<O> extends WidgetHandle {
  /** Re-render with changed options (theme, locale, strings, api). */
  update(patch: Partial<O>): void;
  unmount(): void;
}


export function mountIntegrations(el: HTMLElement, options: IntegrationsOptions): MountedWidgetHandle<IntegrationsOptions> {
  let current = options;
  const ref = createRef<WidgetHandle>();
  const mounted = mountWidget(el, <Integrations {...current} ref={ref} />, { styles });
  return {
    update(patch) {
      current = { ...current, ...patch };
      mounted.render(<Integrations {...current} ref={ref} />);
    },
    unmount: () => mounted(),
    reload: () => ref.current?.reload(),
    state: (...args: [string, unknown?]) => ref.current?.state(...args),
  };
}

export function mountWizard(el: HTMLElement, options: WizardOptions): MountedWidgetHandle<WizardOptions> {
  let current = options;
  const ref = createRef<WidgetHandle>();
  const mounted = mountWidget(el, <Wizard {...current} ref={ref} />, { styles });
  return {
    update(patch) {
      current = { ...current, ...patch };
      mounted.render(<Wizard {...current} ref={ref} />);
    },
    unmount: () => mounted(),
    reload: () => ref.current?.reload(),
    state: (...args: [string, unknown?]) => ref.current?.state(...args),
  };
}
