/**
 * @module FiltersBar: time range, flow, component, run (correlation id), direction, severity, full-text
 * search and the live toggle. A correlation or message id pasted into the search box shows its run.
 */
import { useEffect, useState } from 'react';
import { Button, Select, TextInput, Toolbar, useDebouncedValue, useStrings } from '@weft/ui-kit';
import { useInsightsStore } from '../hooks/use-insights-store.ts';
import { RANGE_PRESETS, presetOf, resolveRange, type RangePresetId } from '../store/time-range.ts';
import type { LogFilters } from '../store/insights-store.ts';
import { looksLikeRunId } from '../store/id-shape.ts';
import { ComponentFilter } from './component-filter.tsx';
import { TenantFilter } from './tenant-filter.tsx';
import { toLocalInput } from './format.ts';

function RangePicker() {
  const t = useStrings();
  const range = useInsightsStore((s) => s.range);
  const setRange = useInsightsStore((s) => s.setRange);
  const preset = presetOf(range);
  const resolved = resolveRange(range, Date.now());
  const options: { value: RangePresetId | 'custom'; label: string }[] = [
    ...RANGE_PRESETS.map((p) => ({ value: p.id, label: t(`insights.range.${p.id}`) })),
    { value: 'custom', label: t('insights.range.custom') },
  ];
  const onPreset = (value: RangePresetId | 'custom') => {
    const found = RANGE_PRESETS.find((p) => p.id === value);
    setRange(found ? { kind: 'relative', ms: found.ms } : { kind: 'absolute', ...resolved });
  };
  const onEdge = (edge: 'from' | 'to', value: string) => {
    const time = new Date(value).getTime();
    if (Number.isNaN(time)) return;
    const next = { ...resolved, [edge]: time };
    if (next.from < next.to) setRange({ kind: 'absolute', ...next });
  };
  return (
    <>
      <Select label={t('insights.range')} value={preset} options={options} onChange={onPreset} />
      {preset === 'custom' ? (
        <>
          <TextInput type="datetime-local" label={t('insights.from')} value={toLocalInput(resolved.from)} onChange={(v) => onEdge('from', v)} />
          <TextInput type="datetime-local" label={t('insights.to')} value={toLocalInput(resolved.to)} onChange={(v) => onEdge('to', v)} />
        </>
      ) : null}
    </>
  );
}

export function FiltersBar() {
  const t = useStrings();
  const filters = useInsightsStore((s) => s.filters);
  const setFilters = useInsightsStore((s) => s.setFilters);
  const isLive = useInsightsStore((s) => s.isLive);
  const setLive = useInsightsStore((s) => s.setLive);
  const flows = useInsightsStore((s) => s.flows);
  const selectedFlowName = useInsightsStore((s) => s.flowNames[s.filters.flowId]);
  const findRun = useInsightsStore((s) => s.findRun);
  const [q, setQ] = useState(filters.q);
  const [correlationId, setCorrelationId] = useState(filters.correlationId);
  const debouncedQ = useDebouncedValue(q, 300);
  const debouncedCorrelation = useDebouncedValue(correlationId, 300);

  useEffect(() => {
    if (debouncedQ === filters.q) return;
    if (!looksLikeRunId(debouncedQ)) {
      setFilters({ q: debouncedQ });
      return;
    }
    // An id is not in any payload: show the run it names, or search it as text when no record has it.
    let isCurrent = true;
    void findRun(debouncedQ).then((isFound) => {
      if (!isCurrent) return;
      if (isFound) setQ('');
      else setFilters({ q: debouncedQ });
    }, () => isCurrent && setFilters({ q: debouncedQ }));
    return () => {
      isCurrent = false;
    };
    // Only typed text drives this effect; the store's own value is compared, not followed.
  }, [debouncedQ]);

  useEffect(() => {
    if (debouncedCorrelation.trim() !== filters.correlationId) setFilters({ correlationId: debouncedCorrelation.trim() });
  }, [debouncedCorrelation]);

  // The store changed the run (a pasted id, the host): the box shows it.
  useEffect(() => setCorrelationId(filters.correlationId), [filters.correlationId]);

  const flowOptions = [{ value: '', label: t('insights.anyFlow') }, ...flows.map((flow) => ({ value: flow.flowId, label: flow.name }))];
  // A flow beyond the list's first 200, or one that is gone, still shows as selected.
  if (filters.flowId && !flows.some((flow) => flow.flowId === filters.flowId)) flowOptions.push({ value: filters.flowId, label: selectedFlowName ?? filters.flowId });

  return (
    <Toolbar label={t('insights.filters')}>
      <RangePicker />
      <TenantFilter />
      <Select label={t('insights.flow')} value={filters.flowId} options={flowOptions} onChange={(flowId) => setFilters({ flowId })} />
      <ComponentFilter />
      <TextInput label={t('insights.correlationFilter')} placeholder={t('insights.correlationPlaceholder')} value={correlationId} onChange={setCorrelationId} size={14} spellCheck={false} />
      <Select<LogFilters['direction']>
        label={t('insights.direction')}
        value={filters.direction}
        onChange={(direction) => setFilters({ direction })}
        options={(['', 'in', 'out', 'error', 'log'] as const).map((value) => ({ value, label: t(`insights.direction.${value || 'any'}`) }))}
      />
      <Select<LogFilters['severity']>
        label={t('insights.severity')}
        value={filters.severity}
        onChange={(severity) => setFilters({ severity })}
        options={(['', 'info', 'warn', 'error'] as const).map((value) => ({ value, label: t(`insights.severity.${value || 'any'}`) }))}
      />
      <TextInput type="search" label={t('insights.search')} placeholder={t('insights.searchPlaceholder')} value={q} onChange={setQ} />
      <Button aria-pressed={isLive} variant={isLive ? 'primary' : 'secondary'} onClick={() => setLive(!isLive)}>
        <span className="weft-il__live-dot" data-on={isLive} aria-hidden="true" />
        {t('insights.live')}
      </Button>
    </Toolbar>
  );
}
