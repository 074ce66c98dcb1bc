/** @module Variable picker: the outputs of all ancestors (nested paths), then a modifier chain, then insert. */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Button } from '@weft/ui-kit';
import { listAncestorVariables, type VariableOption } from '../graph/ancestor-variables.ts';
import { useT } from '../hooks/use-designer-services.ts';
import { ComponentIcon } from '../icons/component-icon.tsx';
import { indexNodes } from '../store/graph-slice.ts';
import { useDesignerStore } from '../store/designer-store-context.tsx';
import { ModifierChain } from './modifier-chain.tsx';
import { useModifierCatalog } from './use-modifier-catalog.ts';
import { formatVariable, type ModifierStep } from './variable-expression.ts';

interface VariablePickerProps {
  componentId: string;
  onInsert: (snippet: string) => void;
  onClose: () => void;
}

export function VariablePicker({ componentId, onInsert, onClose }: VariablePickerProps) {
  const t = useT();
  const listId = useId();
  const nodes = useDesignerStore((s) => s.nodes);
  const edges = useDesignerStore((s) => s.edges);
  const manifests = useDesignerStore((s) => s.manifests);
  const appEvents = useDesignerStore((s) => s.appEvents);
  const definitions = useModifierCatalog();
  const variables = useMemo(() => listAncestorVariables(componentId, indexNodes(nodes), edges, manifests, appEvents), [componentId, nodes, edges, manifests, appEvents]);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<VariableOption | undefined>(undefined);
  const [steps, setSteps] = useState<ModifierStep[]>([]);
  const needle = query.trim().toLowerCase();
  const visible = needle === '' ? variables : variables.filter((v) => `${v.componentLabel} ${v.port} ${v.path} ${v.label}`.toLowerCase().includes(needle));
  const snippet = chosen ? formatVariable(chosen.expression, steps, definitions) : '';
  // The inspector scrolls; bring the picker, then its Insert footer, into view as they appear.
  const popover = useRef<HTMLDivElement>(null);
  const footer = useRef<HTMLDivElement>(null);
  const hasChosen = chosen !== undefined;
  useEffect(() => {
    (hasChosen ? footer : popover).current?.scrollIntoView?.({ block: 'nearest' });
  }, [hasChosen, steps.length]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
    }
  };

  return (
    <div ref={popover} className="wd-popover" role="dialog" aria-label={t('designer.variables.title')} onKeyDown={onKeyDown}>
      <strong>{t('designer.variables.title')}</strong>
      {variables.length === 0 ? <p className="wd-hint">{t('designer.variables.none')}</p> : (
        <>
          <input className="wd-input" type="search" autoFocus aria-label={t('designer.variables.search')} placeholder={t('designer.variables.search')} aria-controls={listId} value={query} onChange={(event) => setQuery(event.target.value)} />
          <ul id={listId} role="listbox" className="wd-variable-list" aria-label={t('designer.variables.title')}>
            {visible.map((variable) => (
              <li
                key={variable.expression}
                role="option"
                tabIndex={0}
                aria-selected={chosen?.expression === variable.expression}
                style={{ paddingLeft: 8 + variable.depth * 12 }}
                onClick={() => setChosen(variable)}
                onKeyDown={(event) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); setChosen(variable); } }}
              >
                {variable.depth === 0 && (
                  <span className="wd-variable-list__source"><ComponentIcon icon={variable.componentIcon} size={14} />{`${variable.componentLabel} › `}</span>
                )}
                {variable.label}
                <span className="wd-variable-list__type">{variable.type}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {chosen && (
        <>
          <ModifierChain steps={steps} onChange={setSteps} />
          {/* Sticky: however long the list and the chain, Insert stays in view. */}
          <div ref={footer} className="wd-popover__footer">
            <p className="wd-hint">{t('designer.variables.preview')}: <code>{snippet}</code></p>
            <Button variant="primary" size="small" onClick={() => onInsert(snippet)}>{t('designer.variables.confirm')}</Button>
          </div>
        </>
      )}
    </div>
  );
}
