/** @module Accounts adapter: the chunk the SDK loads for `weft.ui.Accounts`. */
import { mountAccounts, type AccountsOptions } from '@weft/accounts';
import type { MountAdapter, WidgetProps } from './types.ts';

const toOptions = ({ api, emitter, theme, locale, strings, options }: WidgetProps): AccountsOptions => ({
  api, emitter, theme, locale, strings,
  ...(typeof options.pollMs === 'number' ? { pollMs: options.pollMs } : {}),
});

export const mount: MountAdapter = (el, props) => {
  const mounted = mountAccounts(el, toOptions(props));
  return {
    update: (next) => mounted.update(toOptions(next)),
    unmount: () => mounted.unmount(),
    reload: () => mounted.reload(),
    state: (...args) => mounted.state(...args),
  };
};
