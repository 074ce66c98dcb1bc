/** @module Wizard adapter: the chunk the SDK loads for `weft.ui.Wizard` (`options: { templateId }` or `{ flowId }`). */
import { mountWizard, type WizardOptions } from '@weft/integrations';
import type { MountAdapter, WidgetProps } from './types.ts';

function toOptions({ api, emitter, theme, locale, strings, options }: WidgetProps): WizardOptions {
  const common = { api, emitter, theme, locale, strings };
  if (typeof options.flowId === 'string') return { ...common, flowId: options.flowId };
  if (typeof options.templateId === 'string') return { ...common, templateId: options.templateId };
  throw new TypeError('[weft] Wizard needs options.templateId (add an integration) or options.flowId (edit one)');
}

export const mount: MountAdapter = (el, props) => {
  let current = props;
  let mounted = mountWizard(el, toOptions(props));
  return {
    update(next) {
      const previous = current;
      current = next;
      // Another template or integration is another wizard (its answers start again).
      if (previous.options.templateId !== next.options.templateId || previous.options.flowId !== next.options.flowId) {
        mounted.unmount();
        mounted = mountWizard(el, toOptions(next));
        return;
      }
      mounted.update(toOptions(next));
    },
    unmount: () => mounted.unmount(),
    reload: () => mounted.reload(),
    state: (...args) => mounted.state(...args),
  };
};
