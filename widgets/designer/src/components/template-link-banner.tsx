/** @module Template banners: the flow follows a template (until its first edit), or was just saved as one. */
import { Button } from '@weft/ui-kit';
import { useT } from '../hooks/use-designer-services.ts';
import { useDesignerStore } from '../store/designer-store-context.tsx';

export function TemplateLinkBanner() {
  const t = useT();
  const link = useDesignerStore((s) => s.templateLink);
  if (!link) return null;
  return (
    <div className="wd-banner wd-banner--template" role="status">
      <span>
        {t('designer.integration.follows', { name: link.name, version: link.version })}
        {' '}
        <span className="wd-hint">{t('designer.integration.editDetaches')}</span>
      </span>
    </div>
  );
}

export function TemplateSavedBanner() {
  const t = useT();
  const saved = useDesignerStore((s) => s.savedTemplate);
  const setSaved = useDesignerStore((s) => s.setSavedTemplate);
  if (!saved) return null;
  return (
    <div className="wd-banner wd-banner--done">
      <span>{t('designer.template.saved', saved)}</span>
      <Button size="small" onClick={() => setSaved(undefined)}>{t('designer.template.dismiss')}</Button>
    </div>
  );
}
