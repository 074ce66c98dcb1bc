/** @module Integrations adapter: the chunk the SDK loads for `weft.ui.Integrations`. */
import { mountIntegrations, type IntegrationsOptions } from '@weft/integrations';
import type { MountAdapter, WidgetProps } from './types.ts';

/** `customFilter`: custom-field values a template must have (strings, numbers or booleans). */
function customFilterOf(value: unknown): Record<string, string | number | boolean> | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError('[weft] Integrations options.customFilter must be an object');
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') throw new TypeError(`[weft] Integrations options.customFilter.${key} must be a string, number or boolean`);
  }
  return value as Record<string, string | number | boolean>;
}

const toOptions = ({ api, emitter, theme, locale, strings, options }: WidgetProps): IntegrationsOptions => ({
  api, emitter, theme, locale, strings,
  customFilter: customFilterOf(options.customFilter),
  ...(typeof options.pollMs === 'number' ? { pollMs: options.pollMs } : {}),
});

export const mount: MountAdapter = (el, props) => {
  const mounted = mountIntegrations(el, toOptions(props));
  return {
    update: (next) => mounted.update(toOptions(next)),
    unmount: () => mounted.unmount(),
    reload: () => mounted.reload(),
    state: (...args) => mounted.state(...args),
  };
};
