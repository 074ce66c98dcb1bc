/** @module useModifierCatalog: built-in modifiers at once, plus the engine's custom ones once `GET /modifiers` answers (once per API). */
import { useEffect, useState } from 'react';
import type { ModifierInfo } from '@weft/api-client';
import type { DesignerApi } from '../api/designer-api.ts';
import { useDesignerServices } from '../hooks/use-designer-services.ts';
import { builtinEntries, mergeCatalog, type ModifierEntry } from './modifier-preview.ts';

const BUILTINS: ReadonlyMap<string, ModifierEntry> = new Map(builtinEntries.map((entry) => [entry.name, entry]));
const loaded = new WeakMap<DesignerApi, Promise<ReadonlyMap<string, ModifierEntry>>>();

function load(api: DesignerApi): Promise<ReadonlyMap<string, ModifierEntry>> {
  let promise = loaded.get(api);
  if (promise === undefined) {
    const list = api.listModifiers;
    // Without the route (or when it fails), the built-ins are still offered.
    promise = list ? list().then(({ items }: { items: ModifierInfo[] }) => mergeCatalog(items), () => BUILTINS) : Promise.resolve(BUILTINS);
    loaded.set(api, promise);
  }
  return promise;
}

export function useModifierCatalog(): ReadonlyMap<string, ModifierEntry> {
  const { api } = useDesignerServices();
  const [catalog, setCatalog] = useState<ReadonlyMap<string, ModifierEntry>>(BUILTINS);
  useEffect(() => {
    let isCurrent = true;
    void load(api).then((next) => {
      if (isCurrent) setCatalog(next);
    });
    return () => {
      isCurrent = false;
    };
  }, [api]);
  return catalog;
}
