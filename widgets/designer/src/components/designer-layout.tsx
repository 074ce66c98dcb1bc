/** @module Designer layout: toolbar over palette | canvas | inspector, the logs drawer, dialogs and the live region. */
import type { CSSProperties } from 'react';
import { ErrorState, Spinner } from '@weft/ui-kit';
import { useT } from '../hooks/use-designer-services.ts';
import { useShortcuts } from '../hooks/use-shortcuts.ts';
import { InspectorPanel } from '../inspector/inspector-panel.tsx';
import { useDesignerStore } from '../store/designer-store-context.tsx';
import { Announcer } from './announcer.tsx';
import { Canvas } from './canvas.tsx';
import { ConflictBanner } from './conflict-banner.tsx';
import { ConnectDialog } from './connect-dialog.tsx';
import { DesignerToolbar } from './designer-toolbar.tsx';
import { HelpPanel } from './help-panel.tsx';
import { HistoryPanel } from './history-panel.tsx';
import { InspectorResizer } from './inspector-resizer.tsx';
import { LogsDrawer } from './logs-drawer.tsx';
import { PastRunBanner, PastRunsPanel } from './past-runs-panel.tsx';
import { Palette } from './palette.tsx';
import { StartProblemsBanner } from './start-problems-banner.tsx';
import { TestRunDialog } from './test-run-dialog.tsx';
import { TemplateLinkBanner, TemplateSavedBanner } from './template-link-banner.tsx';
import { TemplateDialog } from '../templates/template-dialog.tsx';

export function DesignerLayout() {
  const t = useT();
  const onKeyDown = useShortcuts();
  const loadStatus = useDesignerStore((s) => s.loadStatus);
  const loadError = useDesignerStore((s) => s.loadError);
  const panel = useDesignerStore((s) => s.panel);
  const inspectorWidth = useDesignerStore((s) => s.inspectorWidth);

  if (loadStatus === 'loading') return <div className="wd-designer wd-designer--state"><Spinner label={t('designer.loading')} /></div>;
  if (loadStatus === 'error') return <div className="wd-designer wd-designer--state"><ErrorState title={t('designer.loadFailed')} error={loadError} /></div>;

  return (
    <div className="wd-designer" role="application" aria-label={t('designer.label')} onKeyDown={onKeyDown}>
      <DesignerToolbar />
      <ConflictBanner />
      <TemplateLinkBanner />
      <TemplateSavedBanner />
      <StartProblemsBanner />
      <PastRunBanner />
      <div className="wd-designer__body" style={{ '--wd-inspector-width': `${inspectorWidth}px` } as CSSProperties}>
        <Palette />
        <Canvas />
        <InspectorResizer />
        <InspectorPanel />
      </div>
      {panel === 'logs' && <LogsDrawer />}
      {panel === 'history' && <HistoryPanel />}
      {panel === 'runs' && <PastRunsPanel />}
      {panel === 'help' && <HelpPanel />}
      {panel === 'connect' && <ConnectDialog />}
      {panel === 'test-run' && <TestRunDialog />}
      {panel === 'template' && <TemplateDialog />}
      <Announcer />
    </div>
  );
}
