/**
 * @module Designer adapter: the chunk the SDK loads for `weft.ui.Designer`. A new theme, locale or strings
 * update the designer in place (its undo history survives); other options remount it from autosave.
 */
import { mountDesigner, type MountDesignerOptions, type MountedDesigner } from '@weft/designer';
import type { MountAdapter, WidgetProps } from './types.ts';

function toOptions({ api, emitter, theme, locale, strings, options }: WidgetProps): MountDesignerOptions {
  if (typeof options.flowId !== 'string') throw new TypeError('[weft] Designer needs options.flowId');
  return {
    flowId: options.flowId, api, emitter, theme, locale, strings,
    ...(typeof options.autosaveDelayMs === 'number' ? { autosaveDelayMs: options.autosaveDelayMs } : {}),
    ...(typeof options.run === 'string' ? { run: options.run } : {}),
    ...(typeof options.templates === 'boolean' ? { templates: options.templates } : {}),
  };
}

function mountWith(el: HTMLElement, props: WidgetProps): MountedDesigner {
  return mountDesigner(el, toOptions(props));
}

/** Only the look and the words changed: the same flow, client and autosave delay. */
function isLookOnly(before: WidgetProps, after: WidgetProps): boolean {
  return before.api === after.api && before.emitter === after.emitter
    && before.options.flowId === after.options.flowId && before.options.autosaveDelayMs === after.options.autosaveDelayMs
    && before.options.run === after.options.run;
}

export const mount: MountAdapter = (el, props) => {
  let current = props;
  let mounted = mountWith(el, props);
  return {
    update(next) {
      const previous = current;
      current = next;
      if (isLookOnly(previous, next)) {
        mounted.update(toOptions(next));
        return;
      }
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
