/** @module Palette: the component catalogue grouped by connector (and category), with search. */
import { useDeferredValue, useMemo, useState } from 'react';
import { useDesignerServices, useT } from '../hooks/use-designer-services.ts';
import { ComponentIcon } from '../icons/component-icon.tsx';
import { useCanvasActions } from '../hooks/use-canvas-actions.ts';
import { useDesignerStore } from '../store/designer-store-context.tsx';
import { groupManifests } from './palette-groups.ts';
import { PaletteItem } from './palette-item.tsx';

export { groupManifests, matchRank } from './palette-groups.ts';

export function Palette() {
  const t = useT();
  const manifests = useDesignerStore((s) => s.manifests);
  const connectors = useDesignerStore((s) => s.connectors);
  const connectorOf = useDesignerStore((s) => s.connectorOf);
  const { locale } = useDesignerServices();
  const status = useDesignerStore((s) => s.catalogStatus);
  const { addAtCenter } = useCanvasActions();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const groups = useMemo(() => groupManifests(Object.values(manifests), deferred, { connectors, connectorOf, locale }), [manifests, deferred, connectors, connectorOf, locale]);

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
      {groups.map((group) => {
        const headingId = `wd-group-${group.id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
        return (
          <section key={group.id} className="wd-palette__group" data-group={group.id}>
            <h3 className="wd-palette__category" id={headingId} data-connector={group.icon !== undefined}>
              {group.icon !== undefined && <span className="wd-palette__group-icon"><ComponentIcon icon={group.icon} size={14} /></span>}
              {group.label}
            </h3>
            <ul role="listbox" aria-labelledby={headingId} className="wd-palette__list">
              {group.entries.map((manifest) => <PaletteItem key={manifest.name} manifest={manifest} fallbackIcon={group.icon} onAdd={addAtCenter} />)}
            </ul>
          </section>
        );
      })}
    </nav>
  );
}
