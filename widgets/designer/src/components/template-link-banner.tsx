/** @module Template link banner: the flow was made from a template and follows it until its first edit. */
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
