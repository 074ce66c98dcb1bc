/** @module Palette: the component catalogue grouped by category, with search. */
import { useDeferredValue, useMemo, useState } from 'react';
import type { Manifest } from '@weft/connector-kit';
import { useT } from '../hooks/use-designer-services.ts';
import { useCanvasActions } from '../hooks/use-canvas-actions.ts';
import { useDesignerStore } from '../store/designer-store-context.tsx';
import { PaletteItem } from './palette-item.tsx';

/** Visible manifests grouped by category, both sorted; the query matches label, type and description. */
export function groupManifests(manifests: readonly Manifest[], query: string): [string, Manifest[]][] {
  const needle = query.trim().toLowerCase();
  const groups = new Map<string, Manifest[]>();
  for (const manifest of manifests) {
    if (manifest.private === true) continue;
    const haystack = `${manifest.label} ${manifest.name} ${manifest.description} ${manifest.category}`.toLowerCase();
    if (needle && !haystack.includes(needle)) continue;
    const list = groups.get(manifest.category) ?? [];
    list.push(manifest);
    groups.set(manifest.category, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, list]) => [category, list.sort((a, b) => a.label.localeCompare(b.label))]);
}

export function Palette() {
  const t = useT();
  const manifests = useDesignerStore((s) => s.manifests);
  const status = useDesignerStore((s) => s.catalogStatus);
  const { addAtCenter } = useCanvasActions();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const groups = useMemo(() => groupManifests(Object.values(manifests), deferred), [manifests, deferred]);

  return (
    <nav className="wd-palette" aria-label={t('designer.palette')}>
      <input
        className="wd-input wd-palette__search"
        type="search"
        placeholder={t('designer.palette.search')}
        aria-label={t('designer.palette.search')}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <p className="wd-hint">{t('designer.palette.hint')}</p>
      {status === 'loading' && <p className="wd-hint">{t('designer.palette.loading')}</p>}
      {status === 'ready' && groups.length === 0 && <p className="wd-hint">{t('designer.palette.empty')}</p>}
      {groups.map(([category, list]) => (
        <section key={category} className="wd-palette__group">
          <h3 className="wd-palette__category" id={`wd-cat-${category}`}>{category}</h3>
          <ul role="listbox" aria-labelledby={`wd-cat-${category}`} className="wd-palette__list">
            {list.map((manifest) => <PaletteItem key={manifest.name} manifest={manifest} onAdd={addAtCenter} />)}
          </ul>
        </section>
      ))}
    </nav>
  );
}
