/**
 * @module Designer adapter: the chunk the SDK loads for `weft.ui.Designer`. The designer keeps its
 * work in autosave, so a change of options (flowId, theme…) remounts it rather than patching it.
 */
import { mountDesigner, type MountedDesigner } from '@weft/designer';
import type { MountAdapter, WidgetProps } from './types.ts';

function mountWith(el: HTMLElement, { api, emitter, theme, locale, strings, options }: WidgetProps): MountedDesigner {
  if (typeof options.flowId !== 'string') throw new TypeError('[weft] Designer needs options.flowId');
  return mountDesigner(el, {
    flowId: options.flowId, api, emitter, theme, locale, strings,
    ...(typeof options.autosaveDelayMs === 'number' ? { autosaveDelayMs: options.autosaveDelayMs } : {}),
    ...(typeof options.run === 'string' ? { run: options.run } : {}),
  });
}

export const mount: MountAdapter = (el, props) => {
  let current = props;
  let mounted = mountWith(el, props);
  return {
    update(next) {
      current = next;
      mounted();
      mounted = mountWith(el, next);
    },
    unmount: () => mounted(),
    reload() {
      mounted();
      mounted = mountWith(el, current);
    },
    // Read-only (flowId, loadStatus, saveStatus, isDirty, selectedIds, problemCount); the flow itself is read through the API.
    state: (key) => mounted.state(key),
  };
};
