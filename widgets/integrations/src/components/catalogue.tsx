/** @module Catalogue: search, category filter and the template cards (empty and no-match states). */
import { useMemo } from 'react';
import { EmptyState, Select, TextInput, useStrings } from '@weft/ui-kit';
import { useIntegrationsStore } from '../hooks/use-integrations-store.ts';
import { categoriesOf, visibleTemplates } from '../store/integrations-store.ts';
import { TemplateCard } from './template-card.tsx';

export function Catalogue() {
  const t = useStrings();
  const templates = useIntegrationsStore((s) => s.templates);
  const search = useIntegrationsStore((s) => s.search);
  const category = useIntegrationsStore((s) => s.category);
  const setSearch = useIntegrationsStore((s) => s.setSearch);
  const setCategory = useIntegrationsStore((s) => s.setCategory);
  const categories = useMemo(() => categoriesOf(templates), [templates]);
  const shown = useMemo(() => visibleTemplates(templates, search, category), [templates, search, category]);
  return (
    <section className="weft-int__section" aria-labelledby="weft-int-catalogue">
      <div className="weft-int__section-head">
        <h3 id="weft-int-catalogue" className="weft-int__subtitle">{t('integrations.catalogue')}</h3>
        <TextInput type="search" label={t('integrations.search')} hideLabel placeholder={t('integrations.search')} value={search} onChange={setSearch} />
        {categories.length > 0 ? (
          <Select
            label={t('integrations.category')}
            hideLabel
            value={category}
            options={[{ value: '', label: t('integrations.allCategories') }, ...categories.map((name) => ({ value: name, label: name }))]}
            onChange={setCategory}
          />
        ) : null}
      </div>
      <p className="weft-visually-hidden" role="status" aria-live="polite">{t('integrations.count', { count: shown.length })}</p>
      {templates.length === 0 ? <EmptyState title={t('integrations.catalogueEmpty')} /> : null}
      {templates.length > 0 && shown.length === 0 ? <EmptyState title={t('integrations.noMatch', { search })} /> : null}
      {shown.length > 0 ? <ul className="weft-int__cards">{shown.map((template) => <TemplateCard key={template.id} template={template} />)}</ul> : null}
    </section>
  );
}
