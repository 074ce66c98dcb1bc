/** @module Inspector panel: edits the selected component, or says what is selected. */
import { useT } from '../hooks/use-designer-services.ts';
import { useDesignerStore } from '../store/designer-store-context.tsx';
import { NodeInspector } from './node-inspector.tsx';

export function InspectorPanel() {
  const t = useT();
  const count = useDesignerStore((s) => s.selectedIds.length);
  const id = useDesignerStore((s) => (s.selectedIds.length === 1 ? s.selectedIds[0] : undefined));
  return (
    <aside className="wd-inspector" aria-label={t('designer.inspector')}>
      {id !== undefined ? <NodeInspector key={id} id={id} />
        : <p className="wd-hint">{count > 1 ? t('designer.inspector.many', { count }) : t('designer.inspector.empty')}</p>}
    </aside>
  );
}
