/** @module Conflict banner: a newer version exists on the server; the person chooses, nothing is overwritten silently. */
import { Button } from '@weft/ui-kit';
import { useDesignerServices } from '../hooks/use-designer-services.ts';
import { useDesignerStore } from '../store/designer-store-context.tsx';

export function ConflictBanner() {
  const { t, autosave } = useDesignerServices();
  const version = useDesignerStore((s) => s.conflict?.version);
  if (version === undefined) return null;
  return (
    <div className="wd-banner" role="alert">
      <span>{t('designer.conflict.message', { version })}</span>
      <Button onClick={() => autosave.loadTheirs()}>{t('designer.conflict.theirs')}</Button>
      <Button variant="danger" onClick={() => void autosave.overwriteMine()}>{t('designer.conflict.mine')}</Button>
    </div>
  );
}
