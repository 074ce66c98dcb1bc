/** @module FlowToolbar: search, stage filter, sort and "New flow". */
import { useEffect, useState } from 'react';
import { Button, Select, TextInput, Toolbar, ToolbarSpacer, useDebouncedValue, useStrings } from '@weft/ui-kit';
import { useFlowManagerStore } from '../hooks/use-flow-manager-store.ts';
import type { SortKey, SortOrder, StageFilter } from '../store/flow-manager-store.ts';

export function FlowToolbar() {
  const t = useStrings();
  const search = useFlowManagerStore((s) => s.search);
  const stage = useFlowManagerStore((s) => s.stage);
  const sort = useFlowManagerStore((s) => s.sort);
  const order = useFlowManagerStore((s) => s.order);
  const setQuery = useFlowManagerStore((s) => s.setQuery);
  const openDialog = useFlowManagerStore((s) => s.openDialog);
  const [text, setText] = useState(search);
  const debounced = useDebouncedValue(text, 250);

  useEffect(() => setQuery({ search: debounced }), [debounced, setQuery]);
  // A host may set the search through `instance.state('search', …)`: show it.
  useEffect(() => setText(search), [search]);

  return (
    <Toolbar label={t('flowManager.toolbar')}>
      <TextInput type="search" label={t('flowManager.search')} hideLabel placeholder={t('flowManager.searchPlaceholder')} value={text} onChange={setText} />
      <Select<StageFilter>
        label={t('flowManager.stage')}
        value={stage}
        onChange={(value) => setQuery({ stage: value })}
        options={(['all', 'running', 'stopped'] as const).map((value) => ({ value, label: t(`flowManager.stage.${value}`) }))}
      />
      <Select<SortKey>
        label={t('flowManager.sort')}
        value={sort}
        onChange={(value) => setQuery({ sort: value })}
        options={(['updatedAt', 'name', 'createdAt'] as const).map((value) => ({ value, label: t(`flowManager.sort.${value}`) }))}
      />
      <Select<SortOrder>
        label={t('flowManager.order')}
        value={order}
        onChange={(value) => setQuery({ order: value })}
        options={(['desc', 'asc'] as const).map((value) => ({ value, label: t(`flowManager.order.${value}`) }))}
      />
      <ToolbarSpacer />
      <Button variant="primary" onClick={() => openDialog({ kind: 'create' })}>{t('flowManager.create')}</Button>
    </Toolbar>
  );
}
