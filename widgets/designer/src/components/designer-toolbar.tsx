/** @module Designer toolbar: history, view, run controls and the save status. */
import { Button, Toolbar, ToolbarSpacer } from '@weft/ui-kit';
import { useCanvasActions } from '../hooks/use-canvas-actions.ts';
import { useDesignerServices } from '../hooks/use-designer-services.ts';
import { useFlowRunControls } from '../hooks/use-flow-run-controls.ts';
import { useDesignerStore } from '../store/designer-store-context.tsx';
import { SaveStatus } from './save-status.tsx';

export function DesignerToolbar() {
  const { t } = useDesignerServices();
  const actions = useCanvasActions();
  const canUndo = useDesignerStore((s) => s.past.length > 0);
  const canRedo = useDesignerStore((s) => s.future.length > 0);
  const stage = useDesignerStore((s) => s.stage);
  const openPanel = useDesignerStore((s) => s.openPanel);
  const panel = useDesignerStore((s) => s.panel);
  const { start, stop, isBusy } = useFlowRunControls();

  return (
    <Toolbar label={t('designer.toolbar')}>
      <Button size="small" onClick={actions.undo} disabled={!canUndo} title="Ctrl+Z">{t('designer.undo')}</Button>
      <Button size="small" onClick={actions.redo} disabled={!canRedo} title="Ctrl+Shift+Z">{t('designer.redo')}</Button>
      <Button size="small" onClick={actions.fit} title="F">{t('designer.fit')}</Button>
      <Button size="small" onClick={() => void actions.arrange()} title="L">{t('designer.layout')}</Button>
      <ToolbarSpacer />
      <SaveStatus />
      <span className="wd-stage" data-stage={stage}>{t(stage === 'running' ? 'designer.running' : 'designer.stopped')}</span>
      {stage === 'running'
        ? <Button size="small" onClick={() => void stop()} disabled={isBusy}>{t('designer.stop')}</Button>
        : <Button size="small" variant="primary" onClick={() => void start()} disabled={isBusy}>{t('designer.start')}</Button>}
      <Button size="small" onClick={() => openPanel('test-run')}>{t('designer.testRun')}</Button>
      <Button size="small" aria-pressed={panel === 'logs'} onClick={() => openPanel(panel === 'logs' ? undefined : 'logs')}>{t('designer.logs')}</Button>
      <Button size="small" aria-pressed={panel === 'runs'} onClick={() => openPanel(panel === 'runs' ? undefined : 'runs')}>{t('designer.runs')}</Button>
      <Button size="small" onClick={() => openPanel('help')} title="?">{t('designer.help')}</Button>
    </Toolbar>
  );
}
