/** @module Modifier chain: the modifiers applied to a variable, in order, with their arguments. */
import { useId, useMemo } from 'react';
import { useT } from '../hooks/use-designer-services.ts';
import type { ModifierEntry } from './modifier-preview.ts';
import { ModifierPreviewPanel } from './modifier-preview-panel.tsx';
import { useModifierCatalog } from './use-modifier-catalog.ts';
import type { ModifierStep } from './variable-expression.ts';

export function ModifierChain({ steps, onChange }: { steps: readonly ModifierStep[]; onChange: (steps: ModifierStep[]) => void }) {
  const t = useT();
  const addId = useId();
  const defs = useModifierCatalog();
  const byCategory = useMemo(() => {
    const groups = new Map<string, ModifierEntry[]>();
    for (const def of defs.values()) groups.set(def.category, [...(groups.get(def.category) ?? []), def]);
    return [...groups.entries()];
  }, [defs]);
  const setArg = (index: number, arg: number, text: string) =>
    onChange(steps.map((step, i) => (i !== index ? step : { ...step, args: Object.assign([...step.args], { [arg]: text }) })));

  return (
    <div className="wd-modifiers" role="group" aria-label={t('designer.variables.modifiers')}>
      <ol className="wd-modifiers__list">
        {steps.map((step, index) => {
          const def = defs.get(step.name);
          return (
            <li key={index} className="wd-modifiers__step">
              <span title={def?.description}>{def?.label ?? step.name}{def?.custom === true && <span className="wd-hint"> ({t('designer.variables.custom')})</span>}</span>
              {def?.args.map((arg, a) => (
                <input
                  key={arg.name}
                  className="wd-input wd-input--small"
                  aria-label={t('designer.variables.argument', { name: arg.name })}
                  placeholder={arg.name + (arg.optional === true ? '?' : '')}
                  title={arg.description}
                  value={step.args[a] ?? ''}
                  onChange={(event) => setArg(index, a, event.target.value)}
                />
              ))}
              <button type="button" className="wd-link" onClick={() => onChange(steps.filter((_, i) => i !== index))}>{t('designer.field.removeRow')}</button>
            </li>
          );
        })}
      </ol>
      <label htmlFor={addId} className="wd-sr-only">{t('designer.variables.addModifier')}</label>
      <select
        id={addId}
        className="wd-input"
        value=""
        onChange={(event) => {
          const def = defs.get(event.target.value);
          if (def) onChange([...steps, { name: def.name, args: def.args.map(() => '') }]);
        }}
      >
        <option value="">{t('designer.variables.addModifier')}…</option>
        {byCategory.map(([category, list]) => (
          <optgroup key={category} label={category}>
            {list.map((def) => <option key={def.name} value={def.name} title={def.description}>{def.label}{def.args.length > 0 ? ` (${def.args.map((arg) => arg.name + (arg.optional === true ? '?' : '')).join(', ')})` : ''}</option>)}
          </optgroup>
        ))}
      </select>
      {steps.length > 0 && <ModifierPreviewPanel steps={steps} catalog={defs} />}
    </div>
  );
}
