/** @module Designer toolbar: undo history, view, run and publish controls, the save and publish status. */
import { Button, Toolbar, ToolbarSpacer } from '@weft/ui-kit';
import { useCanvasActions } from '../hooks/use-canvas-actions.ts';
import { useDesignerServices } from '../hooks/use-designer-services.ts';
import { useFlowRunControls } from '../hooks/use-flow-run-controls.ts';
import { useDesignerStore } from '../store/designer-store-context.tsx';
import { isDraftAhead } from '../store/sync-slice.ts';
import { SaveStatus } from './save-status.tsx';

export function DesignerToolbar() {
  const { t } = useDesignerServices();
  const actions = useCanvasActions();
  const canUndo = useDesignerStore((s) => s.past.length > 0);
  const canRedo = useDesignerStore((s) => s.future.length > 0);
  const stage = useDesignerStore((s) => s.stage);
  const openPanel = useDesignerStore((s) => s.openPanel);
  const panel = useDesignerStore((s) => s.panel);
  const { start, stop, publish, isBusy } = useFlowRunControls();
  const { api } = useDesignerServices();
  const canPublish = api.publishFlow !== undefined;
  const publishedVersion = useDesignerStore((s) => s.publishedVersion);
  const draftAhead = useDesignerStore(isDraftAhead);
  const hasConflict = useDesignerStore((s) => s.conflict !== undefined);
  const { canMakeTemplates } = useDesignerServices();

  return (
    <Toolbar label={t('designer.toolbar')}>
      <Button size="small" onClick={actions.undo} disabled={!canUndo} title="Ctrl+Z">{t('designer.undo')}</Button>
      <Button size="small" onClick={actions.redo} disabled={!canRedo} title="Ctrl+Shift+Z">{t('designer.redo')}</Button>
      <Button size="small" onClick={actions.fit} title="F">{t('designer.fit')}</Button>
      <Button size="small" onClick={() => void actions.arrange()} title="L">{t('designer.layout')}</Button>
      <ToolbarSpacer />
      <SaveStatus />
      {canPublish && (
        <span className="wd-publish-state" data-draft={draftAhead}>
          {draftAhead
            ? t(publishedVersion === undefined ? 'designer.publishState.never' : 'designer.publishState.draft')
            : t('designer.publishState.published', { version: publishedVersion ?? 0 })}
        </span>
      )}
      <span className="wd-stage" data-stage={stage}>{t(stage === 'running' ? 'designer.running' : 'designer.stopped')}</span>
      {stage === 'running'
        ? <Button size="small" onClick={() => void stop()} disabled={isBusy}>{t('designer.stop')}</Button>
        : <Button size="small" variant="primary" onClick={() => void start()} disabled={isBusy}>{t('designer.start')}</Button>}
      {canPublish && (
        <Button size="small" variant={stage === 'running' && draftAhead ? 'primary' : 'secondary'} onClick={() => void publish()} disabled={isBusy || !draftAhead || hasConflict} title={t('designer.publish.title')}>
          {t('designer.publish')}
        </Button>
      )}
      {api.listFlowVersions && (
        <Button size="small" aria-pressed={panel === 'history'} onClick={() => openPanel(panel === 'history' ? undefined : 'history')}>{t('designer.history')}</Button>
      )}
      <Button size="small" onClick={() => openPanel('test-run')}>{t('designer.testRun')}</Button>
      {canMakeTemplates && api.createTemplate && (
        <Button size="small" onClick={() => openPanel('template')}>{t('designer.template.make')}</Button>
      )}
      <Button size="small" aria-pressed={panel === 'logs'} onClick={() => openPanel(panel === 'logs' ? undefined : 'logs')}>{t('designer.logs')}</Button>
      <Button size="small" aria-pressed={panel === 'runs'} onClick={() => openPanel(panel === 'runs' ? undefined : 'runs')}>{t('designer.runs')}</Button>
      <Button size="small" onClick={() => openPanel('help')} title="?">{t('designer.help')}</Button>
    </Toolbar>
  );
}
