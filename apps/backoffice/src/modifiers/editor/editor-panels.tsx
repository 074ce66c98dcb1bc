/** @module EditorPanels: the Test and History tabs under the code (WAI-ARIA tabs: arrow keys switch). */
import type { KeyboardEvent } from 'react';
import { useStrings } from '@weft/ui-kit';
import { useEditorStore } from './editor-store.ts';
import { TestPanel } from './test-panel.tsx';
import { HistoryPanel } from './history-panel.tsx';

type Panel = 'test' | 'history';
const PANELS: readonly Panel[] = ['test', 'history'];
const NEW_PANELS: readonly Panel[] = ['test'];

export function EditorPanels() {
  const t = useStrings();
  const panel = useEditorStore((s) => s.panel);
  const setPanel = useEditorStore((s) => s.setPanel);
  const isNew = useEditorStore((s) => s.isNew);
  const panels = isNew ? NEW_PANELS : PANELS;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const index = panels.indexOf(panel);
    const next = panels[(index + (event.key === 'ArrowRight' ? 1 : panels.length - 1)) % panels.length];
    if (!next) return;
    event.preventDefault();
    setPanel(next);
    event.currentTarget.querySelector<HTMLButtonElement>(`#bo-tab-${next}`)?.focus();
  };

  return (
    <section className="bo-editor__panels">
      <div role="tablist" aria-label={t('editor.tabs')} className="bo-tabs" onKeyDown={onKeyDown}>
        {panels.map((p) => (
          <button
            key={p}
            type="button"
            role="tab"
            id={`bo-tab-${p}`}
            aria-selected={panel === p}
            aria-controls={`bo-tabpanel-${p}`}
            tabIndex={panel === p ? 0 : -1}
            className="bo-tabs__tab"
            onClick={() => setPanel(p)}
          >
            {t(`editor.tab.${p}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`bo-tabpanel-${panel}`} aria-labelledby={`bo-tab-${panel}`} className="bo-tabs__panel">
        {panel === 'test' || isNew ? <TestPanel /> : <HistoryPanel />}
      </div>
    </section>
  );
}
