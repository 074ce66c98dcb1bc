/** @module WidgetRoot: the provider every widget renders first: API client, strings, theme and the host emitter. */
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { ApiClient } from '@weft/api-client';
import { createEmitter, type WidgetEmitter, type WidgetEventHandler } from './emitter.ts';
import { createTranslate, type Catalogues, type Locale, type StringCatalogue, type Translate } from './strings.ts';

export type Theme = 'light' | 'dark';

export interface WidgetContextValue {
  api: ApiClient;
  t: Translate;
  locale: Locale;
  theme: Theme;
  emitter: WidgetEmitter;
}

const WidgetContext = createContext<WidgetContextValue | null>(null);

export interface WidgetRootProps {
  api: ApiClient;
  /** Host overrides of single strings for the active locale. */
  strings?: StringCatalogue | undefined;
  /** The widget's own catalogues (en + cs), merged over the kit's common strings. */
  catalogues?: Catalogues | undefined;
  locale?: Locale | undefined;
  theme?: Theme | undefined;
  /** Shared with the SDK instance so `instance.on()` hears the widget; one is created when absent. */
  emitter?: WidgetEmitter | undefined;
  /** React-style handlers, e.g. `{ 'flow:open': ({ flowId }) => … }`; registered on the emitter. */
  on?: Record<string, WidgetEventHandler<never>> | undefined;
  className?: string | undefined;
  children: ReactNode;
}

export function WidgetRoot({ api, strings, catalogues, locale = 'en', theme = 'light', emitter, on, className, children }: WidgetRootProps) {
  const ownEmitter = useMemo(() => emitter ?? createEmitter(), [emitter]);
  const t = useMemo(() => createTranslate({ locale, catalogues, overrides: strings }), [locale, catalogues, strings]);
  const value = useMemo<WidgetContextValue>(() => ({ api, t, locale, theme, emitter: ownEmitter }), [api, t, locale, theme, ownEmitter]);

  useEffect(() => {
    if (!on) return;
    const entries = Object.entries(on) as [string, WidgetEventHandler][];
    for (const [event, handler] of entries) ownEmitter.on(event, handler);
    return () => {
      for (const [event, handler] of entries) ownEmitter.off(event, handler);
    };
  }, [on, ownEmitter]);

  return (
    <WidgetContext.Provider value={value}>
      <div className={className ? `weft-root ${className}` : 'weft-root'} data-theme={theme} lang={locale}>
        {children}
      </div>
    </WidgetContext.Provider>
  );
}

/** The whole context; throws outside a `WidgetRoot` so a missing provider fails loudly in development. */
export function useWidgetRoot(): WidgetContextValue {
  const value = useContext(WidgetContext);
  if (!value) throw new Error('Weft widget hooks must be used inside <WidgetRoot>');
  return value;
}

export function useApi(): ApiClient {
  return useWidgetRoot().api;
}

export function useStrings(): Translate {
  return useWidgetRoot().t;
}

export function useEmitter(): WidgetEmitter {
  return useWidgetRoot().emitter;
}
