/** @module TemplateCard: one catalogue entry: icon, name, category, description and Add. */
import { Badge, Button, useStrings } from '@weft/ui-kit';
import { useIntegrationsStore } from '../hooks/use-integrations-store.ts';
import type { TemplateSummary } from '../store/integrations-store.ts';
import { TemplateIcon } from './template-icon.tsx';

export function TemplateCard({ template }: { template: TemplateSummary }) {
  const t = useStrings();
  const openDialog = useIntegrationsStore((s) => s.openDialog);
  return (
    <li className="weft-int__card" aria-labelledby={`weft-int-card-${template.id}`}>
      <div className="weft-int__card-head">
        <TemplateIcon icon={template.icon} name={template.name} />
        <div>
          <h4 id={`weft-int-card-${template.id}`} className="weft-int__card-name">{template.name}</h4>
          {template.category ? <Badge>{template.category}</Badge> : null}
        </div>
      </div>
      <p className="weft-int__card-description">{template.description}</p>
      <Button variant="primary" aria-label={t('integrations.addNamed', { name: template.name })} onClick={() => openDialog({ kind: 'add', template })}>
        {t('integrations.add')}
      </Button>
    </li>
  );
}
