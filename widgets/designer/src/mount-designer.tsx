/** @module mountDesigner: renders the designer into a shadow root of the host's element, with its styles. */
import { createApiClient } from '@weft/api-client';
import { createRef } from 'react';
import { WidgetRoot, mountWidget, type MountedWidget, type StringCatalogue, type Theme, type WidgetEmitter, type WidgetEventHandler } from '@weft/ui-kit';
import type { DesignerApi } from './api/designer-api.ts';
import { Designer, type DesignerHandle } from './designer.tsx';
import { designerStyles } from './styles/designer-styles.ts';
import { designerCatalogues } from './strings/designer-strings.ts';

export type MountDesignerOptions = {
  flowId: string;
  theme?: Theme | undefined;
  locale?: string | undefined;
  /** Host overrides of single strings, e.g. `{ 'designer.start': 'Go live' }`. */
  strings?: StringCatalogue | undefined;
  emitter?: WidgetEmitter | undefined;
  /** `{ 'designer:save': ({ flowId, version }) => … }` */
  on?: Record<string, WidgetEventHandler<never>> | undefined;
  autosaveDelayMs?: number | undefined;
  /** A past run (correlation id) to show on the canvas, as a test run shows its data. */
  run?: string | undefined;
} & (
  | { baseUrl: string; getToken?: (() => string | undefined) | undefined; api?: undefined }
  /** A ready client, or a mock implementing the designer's methods. */
  | { api: DesignerApi; baseUrl?: undefined; getToken?: undefined }
);

/** Calling it unmounts, as with every widget; `state(key)` reads the designer's state (see `DesignerHostState`). */
export type MountedDesigner = MountedWidget & DesignerHandle;

export function mountDesigner(el: HTMLElement, options: MountDesignerOptions): MountedDesigner {
  const api = options.api ?? createApiClient({ baseUrl: options.baseUrl, ...(options.getToken ? { getToken: options.getToken } : {}) });
  // WidgetRoot wants a whole client; the designer only calls DesignerApi methods, passed explicitly below.
  const rootApi = api as Parameters<typeof WidgetRoot>[0]['api'];
  const handle = createRef<DesignerHandle>();
  const mounted = mountWidget(
    el,
    <WidgetRoot api={rootApi} catalogues={designerCatalogues} strings={options.strings} locale={options.locale} theme={options.theme} emitter={options.emitter} on={options.on}>
      <Designer flowId={options.flowId} run={options.run} api={api} autosaveDelayMs={options.autosaveDelayMs} ref={handle} />
    </WidgetRoot>,
    { styles: designerStyles },
  );
  return Object.assign(mounted, { state: (key: string) => handle.current?.state(key) });
}
