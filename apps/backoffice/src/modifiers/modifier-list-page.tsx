/** @module ModifierListPage: custom modifiers first (editable), then the built-in ones (documentation only). */
import { useEffect, useMemo, useState } from 'react';
import type { ModifierInfo } from '@weft/api-client';
import { Badge, Button, EmptyState, ErrorState, Spinner, TextInput, Toolbar, ToolbarSpacer, useStrings } from '@weft/ui-kit';
import { useBackofficeStore } from '../store/backoffice-store.ts';
import { routeHash, type Route } from '../route.ts';

function matches(modifier: ModifierInfo, query: string): boolean {
  const q = query.trim().toLowerCase();
  return !q || [modifier.name, modifier.label, modifier.description, modifier.category].some((text) => text.toLowerCase().includes(q));
}

export function ModifierListPage({ go }: { go: (route: Route) => void }) {
  const t = useStrings();
  const modifiers = useBackofficeStore((s) => s.modifiers);
  const loadModifiers = useBackofficeStore((s) => s.loadModifiers);
  const [query, setQuery] = useState('');

  useEffect(() => {
    void loadModifiers();
  }, [loadModifiers]);

  const items = modifiers.status === 'idle' ? undefined : modifiers.data;
  const [custom, builtIn] = useMemo(() => {
    const shown = (items ?? []).filter((m) => matches(m, query));
    return [shown.filter((m) => m.custom), shown.filter((m) => !m.custom)];
  }, [items, query]);

  return (
    <section className="bo-page" aria-labelledby="bo-modifiers-title">
      <Toolbar label={t('modifiers.title')}>
        <h1 id="bo-modifiers-title" className="bo-page__title">{t('modifiers.title')}</h1>
        <ToolbarSpacer />
        <TextInput label={t('modifiers.search')} hideLabel placeholder={t('modifiers.search')} type="search" value={query} onChange={setQuery} />
        <Button variant="primary" onClick={() => go({ page: 'new-modifier' })}>{t('modifiers.new')}</Button>
      </Toolbar>
      {modifiers.status === 'failed' ? <ErrorState error={modifiers.error} onRetry={() => void loadModifiers()} /> : null}
      {!items && modifiers.status === 'loading' ? <Spinner /> : null}
      {items ? (
        <div className="bo-modifier-groups">
          <ModifierGroup title={t('modifiers.custom')} items={custom} empty={query ? t('modifiers.empty') : t('modifiers.noCustom')} />
          <ModifierGroup title={t('modifiers.builtIn')} items={builtIn} empty={t('modifiers.empty')} />
        </div>
      ) : null}
    </section>
  );
}

function ModifierGroup({ title, items, empty }: { title: string; items: ModifierInfo[]; empty: string }) {
  const t = useStrings();
  return (
    <section className="bo-modifier-group" aria-label={title}>
      <h2>{title} <Badge>{items.length}</Badge></h2>
      {items.length === 0 ? <EmptyState title={empty} /> : (
        <ul className="bo-modifier-list">
          {items.map((m) => (
            <li key={m.name}>
              <a href={routeHash({ page: 'modifier', name: m.name })} className="bo-modifier-list__item">
                <code className="bo-modifier-list__name">{m.name}</code>
                <span className="bo-modifier-list__label">{m.label}</span>
                <Badge tone="muted">{m.category}</Badge>
                {m.custom && m.version !== undefined ? <Badge tone="success">{t('modifiers.version', { version: m.version })}</Badge> : null}
                <span className="bo-modifier-list__description">{m.description}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
