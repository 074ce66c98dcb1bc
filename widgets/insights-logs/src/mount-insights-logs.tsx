/** @module mountInsightsLogs: the insights widget in a shadow root of any element, for hosts without React. */
import { createRef } from 'react';
import { mountWidget, type WidgetHandle } from '@weft/ui-kit';
import { InsightsLogs, type InsightsLogsProps } from './insights-logs.tsx';
import styles from './styles/theme.css?inline';

export type InsightsLogsOptions = Omit<InsightsLogsProps, 'ref'>;

export interface MountedInsightsLogs extends WidgetHandle {
  /** Re-render with changed options (flowId, theme, locale, strings, api); loaded state is kept. */
  update(patch: Partial<InsightsLogsOptions>): void;
  unmount(): void;
}

export function mountInsightsLogs(el: HTMLElement, options: InsightsLogsOptions): MountedInsightsLogs {
  let current = options;
  const ref = createRef<WidgetHandle>();
  const mounted = mountWidget(el, <InsightsLogs {...current} ref={ref} />, { styles });
  return {
    update(patch) {
      current = { ...current, ...patch };
      mounted.render(<InsightsLogs {...current} ref={ref} />);
    },
    unmount: () => mounted(),
    reload: () => ref.current?.reload(),
    state: (...args: [string, unknown?]) => ref.current?.state(...args),
  };
}
