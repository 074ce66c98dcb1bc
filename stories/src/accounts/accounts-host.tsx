/** @module AccountsHost: mounts the Accounts widget with `mountAccounts` on a fresh fake engine. */
import { useCallback } from 'react';
import { mountAccounts } from '@weft/accounts';
import type { Theme } from '@weft/ui-kit';
import { createFakeApi, type FakeEngineData } from '../mock-api/fake-engine.ts';
import { ShadowHost } from '../support/shadow-host.tsx';

export interface AccountsHostProps {
  /** What the engine holds when the widget mounts; called on every mount. */
  makeData: () => FakeEngineData;
  theme: Theme;
  locale: 'en' | 'cs';
}

export function AccountsHost({ makeData, theme, locale }: AccountsHostProps) {
  const mount = useCallback((el: HTMLElement) => {
    const { api } = createFakeApi(makeData());
    const widget = mountAccounts(el, { api, theme, locale, pollMs: 0 });
    return () => widget.unmount();
  }, [makeData, theme, locale]);
  return <ShadowHost mount={mount} />;
}
