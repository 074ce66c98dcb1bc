/** @module mountFlowManager: the flow manager in a shadow root of any element, for hosts without React. */
import { createRef } from 'react';
import { mountWidget, type WidgetHandle } from '@weft/ui-kit';
import { FlowManager, type FlowManagerProps } from './flow-manager.tsx';
import styles from './styles/theme.css?inline';

export type FlowManagerOptions = Omit<FlowManagerProps, 'ref'>;

export interface MountedFlowManager extends WidgetHandle {
  /** Re-render with changed options (theme, locale, strings, api); the list state is kept. */
  update(patch: Partial<FlowManagerOptions>): void;
  unmount(): void;
}

export function mountFlowManager(el: HTMLElement, options: FlowManagerOptions): MountedFlowManager {
  let current = options;
  const ref = createRef<WidgetHandle>();
  const mounted = mountWidget(el, <FlowManager {...current} ref={ref} />, { styles });
  return {
    update(patch) {
      current = { ...current, ...patch };
      mounted.render(<FlowManager {...current} ref={ref} />);
    },
    unmount: () => mounted(),
    reload: () => ref.current?.reload(),
    state: (...args: [string, unknown?]) => ref.current?.state(...args),
  };
}
