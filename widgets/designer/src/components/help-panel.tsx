/** @module Help panel: every keyboard shortcut of the designer. */
import { Dialog } from '@weft/ui-kit';
import { SHORTCUTS } from '../hooks/use-shortcuts.ts';
import { useT } from '../hooks/use-designer-services.ts';
import { useDesignerStore } from '../store/designer-store-context.tsx';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function HelpPanel() {
  const t = useT();
  const openPanel = useDesignerStore((s) => s.openPanel);
  return (
    <Dialog title={t('designer.help.title')} onClose={() => openPanel(undefined)}>
      <dl className="wd-shortcuts">
        {SHORTCUTS.map(({ keys, description }) => (
          <div key={keys} className="wd-shortcuts__row">
            <dt><kbd>{keys.replaceAll('mod', isMac ? '⌘' : 'Ctrl')}</kbd></dt>
            <dd>{t(description)}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
