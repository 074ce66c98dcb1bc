/** @module mountAccounts: the Accounts widget in a shadow root of any element, for hosts without React. */
import { createRef } from 'react';
import { mountWidget, type WidgetHandle } from '@weft/ui-kit';
import { Accounts, type AccountsProps } from './accounts.tsx';
import styles from './styles/theme.css?inline';

export type AccountsOptions = Omit<AccountsProps, 'ref'>;

export interface MountedAccounts extends WidgetHandle {
  /** Re-render with changed options (theme, locale, strings, api); the list is kept. */
  update(patch: Partial<AccountsOptions>): void;
  unmount(): void;
}

export function mountAccounts(el: HTMLElement, options: AccountsOptions): MountedAccounts {
  let current = options;
  const ref = createRef<WidgetHandle>();
  const mounted = mountWidget(el, <Accounts {...current} ref={ref} />, { styles });
  return {
    update(patch) {
      current = { ...current, ...patch };
      mounted.render(<Accounts {...current} ref={ref} />);
    },
    unmount: () => mounted(),
    reload: () => ref.current?.reload(),
    state: (...args: [string, unknown?]) => ref.current?.state(...args),
  };
}
