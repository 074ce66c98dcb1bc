/**
 * @module Designer adapter: the chunk the SDK loads for `weft.ui.Designer`. The designer keeps its
 * work in autosave, so a change of options (flowId, theme…) remounts it rather than patching it.
 */
import { mountDesigner } from '@weft/designer';
import type { MountAdapter, WidgetProps } from './types.ts';

function mountWith(el: HTMLElement, { api, emitter, theme, locale, strings, options }: WidgetProps): () => void {
  if (typeof options.flowId !== 'string') throw new TypeError('[weft] Designer needs options.flowId');
  return mountDesigner(el, {
    flowId: options.flowId, api, emitter, theme, locale, strings,
    ...(typeof options.autosaveDelayMs === 'number' ? { autosaveDelayMs: options.autosaveDelayMs } : {}),
  });
}

export const mount: MountAdapter = (el, props) => {
  let current = props;
  let unmount = mountWith(el, props);
  return {
    update(next) {
      current = next;
      unmount();
      unmount = mountWith(el, next);
    },
    unmount: () => unmount(),
    reload() {
      unmount();
      unmount = mountWith(el, current);
    },
    // The designer keeps its state private; the host reads the flow through the API.
    state: () => undefined,
  };
};
