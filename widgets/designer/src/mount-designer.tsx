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
  /** Show "Make a template" (operators). */
  templates?: boolean | undefined;
} & (
  | { baseUrl: string; getToken?: (() => string | undefined) | undefined; api?: undefined }
  /** A ready client, or a mock implementing the designer's methods. */
  | { api: DesignerApi; baseUrl?: undefined; getToken?: undefined }
);

/**
 * Calling it unmounts, as with every widget; `state(key)` reads the designer's state (see `DesignerHostState`).
 * `update` applies a new theme, locale, strings or listeners in place, so the canvas, its selection and its
 * undo history survive; a new flowId (or API) starts afresh.
 */
export type MountedDesigner = MountedWidget & DesignerHandle & { update: (options: MountDesignerOptions) => void };

export function mountDesigner(el: HTMLElement, options: MountDesignerOptions): MountedDesigner {
  const handle = createRef<DesignerHandle>();
  let api = options.api ?? createApiClient({ baseUrl: options.baseUrl, ...(options.getToken ? { getToken: options.getToken } : {}) });
  let generation = 0;
  const tree = (next: MountDesignerOptions) => {
    // WidgetRoot wants a whole client; the designer only calls DesignerApi methods, passed explicitly below.
    const rootApi = api as Parameters<typeof WidgetRoot>[0]['api'];
    return (
      <WidgetRoot api={rootApi} catalogues={designerCatalogues} strings={next.strings} locale={next.locale} theme={next.theme} emitter={next.emitter} on={next.on}>
        {/* The key starts a fresh designer (store, history) only when the flow or the client changes. */}
        <Designer key={`${generation}:${next.flowId}`} flowId={next.flowId} run={next.run} templates={next.templates} api={api} autosaveDelayMs={next.autosaveDelayMs} ref={handle} />
      </WidgetRoot>
    );
  };
  const mounted = mountWidget(el, tree(options), { styles: designerStyles });
  return Object.assign(mounted, {
    state: (key: string) => handle.current?.state(key),
    update(next: MountDesignerOptions) {
      if (next.api !== undefined && next.api !== api) {
        api = next.api;
        generation += 1;
      }
      mounted.render(tree(next));
    },
  });
}
