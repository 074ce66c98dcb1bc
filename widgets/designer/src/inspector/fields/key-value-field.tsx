/** @module Key–value field: an object of text values (e.g. headers), edited as rows that keep their order. */
import { useRef, useState } from 'react';
import type { ControlProps } from '../field-control.tsx';
import { useT } from '../../hooks/use-designer-services.ts';
import { ChipEditor, type ChipEditorHandle } from '../chip-editor.tsx';
import { VariableChips } from '../variable-chips.tsx';
import { VariableTools } from '../variable-tools.tsx';

type Pair = [string, string];

function toPairs(value: unknown): Pair[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).map(([key, item]) => [key, typeof item === 'string' ? item : JSON.stringify(item)]);
}

export function KeyValueField({ id, value, componentId, allowVariables, onChange }: ControlProps) {
  const t = useT();
  // Rows live locally so an empty or duplicate key being typed does not vanish; the object is what is saved.
  const [rows, setRows] = useState<Pair[]>(() => toPairs(value));
  const commit = (next: Pair[]) => {
    setRows(next);
    const object = Object.fromEntries(next.filter(([key]) => key !== ''));
    onChange(Object.keys(object).length === 0 ? undefined : object);
  };
  const set = (index: number, pair: Pair) => commit(rows.map((row, i) => (i === index ? pair : row)));

  return (
    <div className="wd-key-value" role="group" aria-labelledby={`${id}-label`}>
      {rows.map(([key, item], index) => (
        <div key={index} className="wd-field__row">
          <input className="wd-input wd-key-value__key" aria-label={t('designer.field.key')} value={key} onChange={(event) => set(index, [event.target.value, item])} />
          {allowVariables
            ? <KeyValueChips id={`${id}-value-${index}`} label={t('designer.field.value')} value={item} componentId={componentId} onChange={(text) => set(index, [key, text])} />
            : <input className="wd-input wd-key-value__plain" aria-label={t('designer.field.value')} value={item} onChange={(event) => set(index, [key, event.target.value])} />}
          <button type="button" className="wd-link wd-key-value__remove" onClick={() => commit(rows.filter((_, i) => i !== index))}>{t('designer.field.removeRow')}</button>
        </div>
      ))}
      <button type="button" className="wd-link" onClick={() => setRows([...rows, ['', '']])}>{t('designer.field.addRow')}</button>
    </div>
  );
}

/** A value with variables: chips in the field, the picker inserting at the caret. */
function KeyValueChips({ id, label, value, componentId, onChange }: { id: string; label: string; value: string; componentId: string; onChange: (text: string) => void }) {
  const editor = useRef<ChipEditorHandle>(null);
  return (
    <>
      <div className="wd-key-value__value">
        <ChipEditor id={id} handle={editor} label={label} value={value} multiline={false} onChange={onChange} />
        <VariableChips text={value} errorsOnly />
      </div>
      <VariableTools componentId={componentId} onInsert={(snippet) => editor.current?.insert(snippet)} />
    </>
  );
}
