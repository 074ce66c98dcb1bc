/** @module Start problems banner: why Start was refused, each problem named by its component's label; a click selects it. */
import { Button } from '@weft/ui-kit';
import { useShallow } from 'zustand/react/shallow';
import { useDesignerServices } from '../hooks/use-designer-services.ts';
import { useDesignerStore } from '../store/designer-store-context.tsx';
import { problemComponentId } from '../store/sync-slice.ts';

export function StartProblemsBanner() {
  const { t } = useDesignerServices();
  const failure = useDesignerStore((s) => s.startFailure);
  const labels = useDesignerStore(useShallow((s) => Object.fromEntries(
    s.nodes.map((node) => [node.id, node.data.label ?? s.manifests[node.data.type]?.label ?? node.data.type]),
  )));
  const select = useDesignerStore((s) => s.select);
  const setInspectorTab = useDesignerStore((s) => s.setInspectorTab);
  const dismiss = useDesignerStore((s) => s.dismissStartFailure);
  if (failure === undefined) return null;
  return (
    <div className="wd-banner wd-banner--problems" role="alert">
      <div className="wd-banner__body">
        <span>{failure.message}</span>
        {failure.problems.length > 0 && (
          <ul className="wd-banner__problems" aria-label={t('designer.startFailed.list')}>
            {failure.problems.map((problem) => {
              const id = problemComponentId(problem);
              const label = id !== undefined ? labels[id] : undefined;
              return (
                <li key={`${problem.path}:${problem.code}`}>
                  {id !== undefined && label !== undefined ? (
                    <button type="button" className="wd-link" onClick={() => { select([id]); setInspectorTab('settings'); }}>{label}</button>
                  ) : <strong>{t('designer.startFailed.flow')}</strong>}
                  {': '}{problem.message}
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <Button onClick={dismiss}>{t('designer.startFailed.dismiss')}</Button>
    </div>
  );
}
