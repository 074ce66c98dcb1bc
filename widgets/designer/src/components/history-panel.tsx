/**
 * @module History panel: the flow's published versions; one selected shows what the draft changed
 * since (components added, removed, changed, with which settings), marks them on the canvas, and
 * can be restored into the draft after a confirmation.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FlowVersion, FlowVersionSummary } from '@weft/api-client';
import { FlowDescriptor } from '@weft/flow';
import { Button, ConfirmDialog } from '@weft/ui-kit';
import { errorMessage, isConflict } from '../api/designer-api.ts';
import { graphToDescriptor } from '../graph/descriptor-graph.ts';
import { diffVersions, isEmptyDiff, type ComponentChange, type VersionDiff } from '../graph/version-diff.ts';
import { useDesignerServices } from '../hooks/use-designer-services.ts';
import { useDesignerStore, useDesignerStoreApi } from '../store/designer-store-context.tsx';
import type { DiffMark } from '../store/ui-slice.ts';

export function HistoryPanel() {
  const { api, autosave, t } = useDesignerServices();
  const store = useDesignerStoreApi();
  const flowId = useDesignerStore((s) => s.flowId);
  const publishedVersion = useDesignerStore((s) => s.publishedVersion);
  const nodes = useDesignerStore((s) => s.nodes);
  const edges = useDesignerStore((s) => s.edges);
  const manifests = useDesignerStore((s) => s.manifests);
  const select = useDesignerStore((s) => s.select);
  const setDiffMarks = useDesignerStore((s) => s.setDiffMarks);
  const openPanel = useDesignerStore((s) => s.openPanel);
  const [versions, setVersions] = useState<FlowVersionSummary[] | undefined>(undefined);
  const [selected, setSelected] = useState<FlowVersion | undefined>(undefined);
  const [error, setError] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [isBusy, setBusy] = useState(false);

  const load = useCallback(async () => {
    if (!api.listFlowVersions) return;
    try {
      setVersions((await api.listFlowVersions(flowId)).items);
      setError('');
    } catch (caught) {
      setError(t('designer.history.loadFailed', { message: errorMessage(caught) }));
    }
  }, [api, flowId, t]);

  // Again after each publish: the list grows.
  useEffect(() => {
    void load();
  }, [load, publishedVersion]);

  const choose = async (version: number) => {
    if (!api.getFlowVersion) return;
    try {
      setSelected(await api.getFlowVersion(flowId, version));
      setError('');
    } catch (caught) {
      setError(t('designer.history.loadFailed', { message: errorMessage(caught) }));
    }
  };

  const diff = useMemo((): VersionDiff | undefined => {
    if (!selected) return undefined;
    const parsed = FlowDescriptor.safeParse(selected.flow);
    return parsed.success ? diffVersions(parsed.data, graphToDescriptor({ nodes, edges })) : undefined;
  }, [selected, nodes, edges]);

  // Mark on the canvas what the draft added or changed since the selected version.
  useEffect(() => {
    const marks: Record<string, DiffMark> = {};
    for (const change of diff?.added ?? []) marks[change.id] = 'added';
    for (const change of diff?.changed ?? []) marks[change.id] = 'changed';
    setDiffMarks(marks);
  }, [diff, setDiffMarks]);
  useEffect(() => () => setDiffMarks({}), [setDiffMarks]);

  const restore = async () => {
    if (!selected || !api.restoreFlowVersion) return;
    setBusy(true);
    try {
      await autosave.flush();
      const flow = await api.restoreFlowVersion(flowId, selected.version, { version: store.getState().version });
      store.getState().loadFlow(flow);
      store.getState().announce(t('designer.history.restored', { version: selected.version }));
      setConfirming(false);
    } catch (caught) {
      if (isConflict(caught)) store.getState().markConflict(caught.current);
      setError(errorMessage(caught));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  const settingLabel = (change: ComponentChange, what: string): string => {
    if (what.startsWith('properties.')) {
      const name = what.slice('properties.'.length);
      return manifests[change.type]?.properties?.inspector?.inputs[name]?.label ?? name;
    }
    if (what.startsWith('mapping.')) {
      const [, port = '', field = ''] = what.split('.');
      return manifests[change.type]?.inPorts?.find((inPort) => inPort.name === port)?.inspector?.inputs[field]?.label ?? field;
    }
    return t(`designer.history.change.${what}` as 'designer.history.change.label');
  };
  const present = new Set(nodes.map((node) => node.id));
  // As the canvas names it: its label, else its type's label.
  const nameOf = (change: ComponentChange) => change.label ?? manifests[change.type]?.label ?? change.type;

  const section = (title: string, kind: 'added' | 'removed' | 'changed', changes: ComponentChange[]) =>
    changes.length > 0 && (
      <section className="wd-history__group" data-kind={kind} aria-label={title}>
        <h4>{title}</h4>
        <ul>
          {changes.map((change) => (
            <li key={change.id} data-kind={kind}>
              {present.has(change.id)
                ? <button type="button" className="wd-link" onClick={() => select([change.id])}>{nameOf(change)}</button>
                : <strong>{nameOf(change)}</strong>}
              {change.changes.length > 0 && <span className="wd-history__what">{' — '}{t('designer.history.changes', { what: change.changes.map((what) => settingLabel(change, what)).join(', ') })}</span>}
            </li>
          ))}
        </ul>
      </section>
    );

  return (
    <section className="wd-history" aria-label={t('designer.history.title')}>
      <header className="wd-history__header">
        <h3>{t('designer.history.title')}</h3>
        <Button size="small" onClick={() => openPanel(undefined)}>{t('designer.history.close')}</Button>
      </header>
      {error && <p className="wd-error" role="alert">{error}</p>}
      {!api.listFlowVersions && <p className="wd-hint">{t('designer.history.unavailable')}</p>}
      <div className="wd-history__body">
        <ol className="wd-history__list">
          {versions?.length === 0 && <li className="wd-hint">{t('designer.history.empty')}</li>}
          {versions?.map((version) => (
            <li key={version.version}>
              <button
                type="button"
                className="wd-history__version"
                aria-pressed={selected?.version === version.version}
                onClick={() => void choose(version.version)}
              >
                <strong>{t('designer.history.version', { version: version.version })}</strong>
                {version.version === publishedVersion && <span className="wd-history__live">{t('designer.history.live')}</span>}
                <span>{t('designer.history.by', { when: new Date(version.publishedAt).toLocaleString(), who: version.publishedBy })}</span>
                <span>{t('designer.history.components', { count: version.componentCount })}</span>
              </button>
            </li>
          ))}
        </ol>
        {selected && diff && (
          <div className="wd-history__diff" aria-label={t('designer.history.compare', { version: selected.version })}>
            <h4>{t('designer.history.compare', { version: selected.version })}</h4>
            {isEmptyDiff(diff) && <p className="wd-hint">{t('designer.history.same', { version: selected.version })}</p>}
            {section(t('designer.history.added'), 'added', diff.added)}
            {section(t('designer.history.removed'), 'removed', diff.removed)}
            {section(t('designer.history.changed'), 'changed', diff.changed)}
            {api.restoreFlowVersion && (
              <Button size="small" variant="primary" onClick={() => setConfirming(true)} disabled={isBusy || isEmptyDiff(diff)}>
                {t('designer.history.restore', { version: selected.version })}
              </Button>
            )}
          </div>
        )}
      </div>
      {confirming && selected && (
        <ConfirmDialog
          title={t('designer.history.restore', { version: selected.version })}
          message={t('designer.history.restoreConfirm', { version: selected.version })}
          confirmLabel={t('designer.history.restoreYes')}
          tone="primary"
          isBusy={isBusy}
          onConfirm={() => void restore()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
