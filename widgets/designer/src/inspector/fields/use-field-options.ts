/** @module Field options: static options, or ones loaded from the engine when the input has a `source`. */
import { useEffect, useState } from 'react';
import type { InspectorInput } from '@weft/connector-kit';
import { APP_EVENTS_SOURCE, APP_EVENT_TYPE } from '../../graph/app-event-schema.ts';
import { useDesignerServices } from '../../hooks/use-designer-services.ts';

export interface FieldOption {
  label: string;
  value: unknown;
}

export function useFieldOptions(input: InspectorInput, componentType: string): { options: FieldOption[]; isLoading: boolean; reload: () => void } {
  const { api } = useDesignerServices();
  const sourceName = input.source?.name;
  const [loaded, setLoaded] = useState<{ key: string; options: FieldOption[] } | undefined>(undefined);
  // Bumped to load the options again (an account was just connected).
  const [generation, setGeneration] = useState(0);
  const key = `${componentType}\n${sourceName ?? ''}\n${generation}`;
  const reload = () => setGeneration((n) => n + 1);
  // The AppEvent's events come from `GET /app-events` (the host's registrations) rather than from the component.
  const isAppEvents = componentType === APP_EVENT_TYPE && sourceName === APP_EVENTS_SOURCE && api.listAppEvents !== undefined;

  useEffect(() => {
    if (sourceName === undefined || componentType === '') return;
    const { listAppEvents, getComponentOptions } = api;
    const load = isAppEvents && listAppEvents
      ? () => listAppEvents().then(({ items }) => ({ items: items.map((event): FieldOption => ({ label: event.title ? `${event.title} (${event.name})` : event.name, value: event.name })) }))
      : getComponentOptions && (() => getComponentOptions(componentType, sourceName));
    if (!load) return;
    let isCurrent = true;
    load().then(
      (answer) => { if (isCurrent) setLoaded({ key, options: answer.items }); },
      () => { if (isCurrent) setLoaded({ key, options: [] }); },
    );
    return () => {
      isCurrent = false;
    };
  }, [api, componentType, key, sourceName, isAppEvents]);

  if (sourceName === undefined) return { options: input.options ?? [], isLoading: false, reload };
  const isLoading = loaded?.key !== key && (api.getComponentOptions !== undefined || isAppEvents);
  // While the same field reloads, its previous options stay (the select does not flash empty).
  const isSameField = loaded !== undefined && loaded.key.slice(0, loaded.key.lastIndexOf('\n')) === key.slice(0, key.lastIndexOf('\n'));
  return { options: isSameField ? loaded.options : [], isLoading, reload };
}

/** Option values may be any JSON; the DOM needs strings, so compare through JSON. */
export const optionKey = (value: unknown): string => JSON.stringify(value) ?? '';
