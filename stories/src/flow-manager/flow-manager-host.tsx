/** @module FlowManagerHost: mounts the flow manager with `mountFlowManager` on a fresh fake engine. */
import { useCallback } from 'react';
import { mountFlowManager } from '@weft/flow-manager';
import type { Theme } from '@weft/ui-kit';
import { createFakeApi, type FakeEngineData } from '../mock-api/fake-engine.ts';
import { ShadowHost } from '../support/shadow-host.tsx';

export interface FlowManagerHostProps {
  /** What the engine holds when the widget mounts; called on every mount. */
  makeData: () => FakeEngineData;
  theme: Theme;
  locale: 'en' | 'cs';
}

export function FlowManagerHost({ makeData, theme, locale }: FlowManagerHostProps) {
  const mount = useCallback((el: HTMLElement) => {
    const { api } = createFakeApi(makeData());
    const widget = mountFlowManager(el, { api, theme, locale });
    return () => widget.unmount();
  }, [makeData, theme, locale]);
  return <ShadowHost mount={mount} />;
}
