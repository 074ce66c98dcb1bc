/** @module Save status: what autosave is doing, in words. */
import { useDesignerStore } from '../store/designer-store-context.tsx';
import { useT } from '../hooks/use-designer-services.ts';

export function SaveStatus() {
  const t = useT();
  const status = useDesignerStore((s) => s.saveStatus);
  const isDirty = useDesignerStore((s) => s.revision !== s.savedRevision);
  const label = status === 'saving' || status === 'error' || status === 'conflict'
    ? t(`designer.save.${status}`)
    : isDirty ? t('designer.save.dirty') : t(status === 'saved' ? 'designer.save.saved' : 'designer.save.idle');
  return <span className="wd-save-status" data-status={isDirty && status !== 'saving' ? 'dirty' : status}>{label}</span>;
}
