/** @module Flow manager adapter: the chunk the SDK loads for `weft.ui.FlowManager`. */
import { mountFlowManager, type FlowManagerOptions } from '@weft/flow-manager';
import type { MountAdapter, WidgetProps } from './types.ts';

const toOptions = ({ api, emitter, theme, locale, strings, options }: WidgetProps): FlowManagerOptions => ({
  api, emitter, theme, locale, strings,
  ...(options.initialState ? { initialState: options.initialState } : {}),
});

export const mount: MountAdapter = (el, props) => {
  const mounted = mountFlowManager(el, toOptions(props));
  return {
    update: (next) => mounted.update(toOptions(next)),
    unmount: () => mounted.unmount(),
    reload: () => mounted.reload(),
    state: (...args) => mounted.state(...args),
  };
};
