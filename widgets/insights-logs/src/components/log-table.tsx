/**
 * @module LogTable: every loaded record in a hand-rolled virtual window (fixed row height), so 100,000
 * rows scroll as smoothly as 100. Arrow keys move the selection; reaching the end pages in older records.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useStrings } from '@weft/ui-kit';
import type { LogRecord } from '@weft/api-client';
import { computeWindow, scrollToReveal } from '../hooks/virtual-window.ts';
import { useInsightsStore } from '../hooks/use-insights-store.ts';
import { componentName } from '../store/component-names.ts';
import { formatTimestamp, summarize } from './format.ts';

export const ROW_HEIGHT = 30;

export interface LogTableProps {
  records: LogRecord[];
  selectedId: string | undefined;
  onSelect: (record: LogRecord) => void;
  /** Called when the last rows come into view. */
  onEndReached?: (() => void) | undefined;
  label: string;
  /** The rows are those of the last answer while a new one loads: shown dimmed, marked busy. */
  isBusy?: boolean;
}

const COLUMNS = ['time', 'flow', 'component', 'port', 'direction', 'severity', 'summary'] as const;

export function LogTable({ records, selectedId, onSelect, onEndReached, label, isBusy = false }: LogTableProps) {
  const t = useStrings();
  const flowNames = useInsightsStore((s) => s.flowNames);
  const flowComponents = useInsightsStore((s) => s.flowComponents);
  const typeLabels = useInsightsStore((s) => s.typeLabels);
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const selectedIndex = selectedId === undefined ? -1 : records.findIndex((r) => r.id === selectedId);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight || 400);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const slice = computeWindow(records.length, ROW_HEIGHT, scrollTop, height);

  useEffect(() => {
    if (onEndReached && records.length > 0 && slice.end >= records.length - 20) onEndReached();
  }, [slice.end, records.length, onEndReached]);

  const reveal = useCallback((index: number) => {
    const el = viewport.current;
    if (!el) return;
    const next = scrollToReveal(index, ROW_HEIGHT, el.scrollTop, el.clientHeight || height);
    if (next !== undefined) {
      el.scrollTop = next;
      setScrollTop(next);
    }
  }, [height]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    const last = records.length - 1;
    const targets: Record<string, number> = {
      ArrowDown: selectedIndex + 1, ArrowUp: selectedIndex - 1, PageDown: selectedIndex + page, PageUp: selectedIndex - page, Home: 0, End: last,
    };
    const target = targets[event.key];
    if (target === undefined || records.length === 0) return;
    event.preventDefault();
    const index = Math.min(last, Math.max(0, target));
    const record = records[index];
    if (record) {
      onSelect(record);
      reveal(index);
    }
  };

  const rows: LogRecord[] = records.slice(slice.start, slice.end);
  const activeId = selectedId !== undefined && selectedIndex >= 0 ? `weft-il-row-${selectedId}` : undefined;

  return (
    // Focus and the active row live on the grid: aria-activedescendant is not allowed on a rowgroup.
    <div
      className={isBusy ? 'weft-il__table weft-il__table--busy' : 'weft-il__table'}
      role="grid"
      aria-label={label}
      aria-busy={isBusy || undefined}
      aria-rowcount={records.length + 1}
      aria-colcount={COLUMNS.length}
      tabIndex={0}
      aria-activedescendant={activeId}
      onKeyDown={onKeyDown}
    >
      <div className="weft-il__row weft-il__row--head" role="row" aria-rowindex={1}>
        {COLUMNS.map((column) => <div key={column} role="columnheader" className={`weft-il__cell weft-il__cell--${column}`}>{t(`insights.column.${column}`)}</div>)}
      </div>
      <div
        ref={viewport}
        className="weft-il__viewport"
        role="rowgroup"
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      >
        <div style={{ height: slice.totalHeight, position: 'relative' }}>
          <div style={{ transform: `translateY(${slice.offsetTop}px)` }}>
            {rows.map((record, i) => (
              <div
                key={record.id}
                id={`weft-il-row-${record.id}`}
                role="row"
                aria-rowindex={slice.start + i + 2}
                aria-selected={record.id === selectedId}
                data-severity={record.severity}
                className="weft-il__row"
                style={{ height: ROW_HEIGHT }}
                onClick={() => onSelect(record)}
              >
                <div role="gridcell" className="weft-il__cell weft-il__cell--time weft-mono">{formatTimestamp(record.time)}</div>
                <NamedCell kind="flow" id={record.flowId} name={flowNames[record.flowId]} missingKey="insights.flowIdNotFound" />
                <NamedCell kind="component" id={record.componentId} name={componentName(flowComponents[record.flowId], record.componentId, typeLabels)} missingKey="insights.componentIdNotFound" />
                <div role="gridcell" className="weft-il__cell weft-il__cell--port">{record.port}</div>
                <div role="gridcell" className="weft-il__cell weft-il__cell--direction">{t(`insights.direction.${record.direction}`)}</div>
                <div role="gridcell" className="weft-il__cell weft-il__cell--severity">{t(`insights.severity.${record.severity}`)}</div>
                <div role="gridcell" className="weft-il__cell weft-il__cell--summary weft-mono">{summarize(record)}</div>
              </div>
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}

/**
 * A name (a flow's, a component's label), its id on hover; the id itself while the name is unknown,
 * and `missingKey`'s note on hover when the thing is gone (`name` null).
 */
function NamedCell({ id, name, kind, missingKey }: { id: string; name: string | null | undefined; kind: 'flow' | 'component'; missingKey: string }) {
  const t = useStrings();
  return (
    <div role="gridcell" className={`weft-il__cell weft-il__cell--${kind}`} title={name === null ? t(missingKey, { id }) : id}>
      {name ?? id}
    </div>
  );
}
