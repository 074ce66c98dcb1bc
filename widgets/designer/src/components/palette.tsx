/** @module Palette: the component catalogue grouped by category, with search. */
import { useDeferredValue, useMemo, useState } from 'react';
import type { Manifest } from '@weft/connector-kit';
import { useT } from '../hooks/use-designer-services.ts';
import { useCanvasActions } from '../hooks/use-canvas-actions.ts';
import { useDesignerStore } from '../store/designer-store-context.tsx';
import { PaletteItem } from './palette-item.tsx';

/**
 * How well a manifest matches the search, lower is better; undefined: not at all. A person typing "web"
 * means Webhook, not every component whose description mentions a webhook: exact and prefix matches of
 * the label (or of a word in it, or of the type's last segment) come before matches inside the text.
 */
export function matchRank(manifest: Manifest, needle: string): number | undefined {
  const label = manifest.label.toLowerCase();
  const typeName = (manifest.name.split('.').pop() ?? manifest.name).toLowerCase();
  if (label === needle) return 0;
  // "Save to store" is weft.utils.storage.Set: its type may match exactly, but after the Set component.
  if (typeName === needle || label.startsWith(needle)) return 1;
  if (typeName.startsWith(needle) || label.split(/[\s\-_/]+/).some((word) => word.startsWith(needle))) return 2;
  if (label.includes(needle) || manifest.name.toLowerCase().includes(needle)) return 3;
  if (`${manifest.description} ${manifest.category}`.toLowerCase().includes(needle)) return 4;
  return undefined;
}

/**
 * Visible manifests grouped by category. Without a query: categories and labels alphabetically. With one:
 * the best match first (its category leads), then by rank and label; the query matches label, type,
 * description and category.
 */
export function groupManifests(manifests: readonly Manifest[], query: string): [string, Manifest[]][] {
  const needle = query.trim().toLowerCase();
  const ranked: { manifest: Manifest; rank: number }[] = [];
  for (const manifest of manifests) {
    if (manifest.private === true) continue;
    const rank = needle ? matchRank(manifest, needle) : 0;
    if (rank !== undefined) ranked.push({ manifest, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.manifest.label.localeCompare(b.manifest.label));
  const groups = new Map<string, { best: number; list: Manifest[] }>();
  for (const { manifest, rank } of ranked) {
    const group = groups.get(manifest.category) ?? { best: rank, list: [] };
    group.list.push(manifest);
    groups.set(manifest.category, group);
  }
  return [...groups.entries()]
    .sort(([a, ga], [b, gb]) => ga.best - gb.best || a.localeCompare(b))
    .map(([category, group]) => [category, group.list]);
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
