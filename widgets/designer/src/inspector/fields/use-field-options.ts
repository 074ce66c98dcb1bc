/** @module Field options: static options, or ones loaded from the engine when the input has a `source`. */
import { useEffect, useState } from 'react';
import type { InspectorInput } from '@weft/connector-kit';
import { useDesignerServices } from '../../hooks/use-designer-services.ts';

export interface FieldOption {
  label: string;
  value: unknown;
}

export function useFieldOptions(input: InspectorInput, componentType: string): { options: FieldOption[]; isLoading: boolean } {
  const { api } = useDesignerServices();
  const sourceName = input.source?.name;
  const [loaded, setLoaded] = useState<{ key: string; options: FieldOption[] } | undefined>(undefined);
  const key = `${componentType}\n${sourceName ?? ''}`;

  useEffect(() => {
    if (sourceName === undefined || componentType === '' || !api.getComponentOptions) return;
    let isCurrent = true;
    api.getComponentOptions(componentType, sourceName).then(
      (answer) => { if (isCurrent) setLoaded({ key, options: answer.items }); },
      () => { if (isCurrent) setLoaded({ key, options: [] }); },
    );
    return () => {
      isCurrent = false;
    };
  }, [api, componentType, key, sourceName]);

  if (sourceName === undefined) return { options: input.options ?? [], isLoading: false };
  const isLoading = loaded?.key !== key && api.getComponentOptions !== undefined;
  return { options: loaded?.key === key ? loaded.options : [], isLoading };
}

/** Option values may be any JSON; the DOM needs strings, so compare through JSON. */
export const optionKey = (value: unknown): string => JSON.stringify(value) ?? '';
