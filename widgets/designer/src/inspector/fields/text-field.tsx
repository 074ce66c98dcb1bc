/** @module Text field: text, textarea or code; with variables, a picker inserts at the caret and chips show what is used. */
import { useRef, useState } from 'react';
import type { ControlProps } from '../field-control.tsx';
import { insertAt } from '../variable-expression.ts';
import { VariableChips } from '../variable-chips.tsx';
import { VariableTools } from '../variable-tools.tsx';

export function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function TextField({ id, input, value, componentId, allowVariables, describedBy, isInvalid, onChange }: ControlProps) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState<[number, number] | undefined>(undefined);
  const text = asText(value);
  const isMultiline = input.type !== 'text';
  const common = {
    id,
    ref,
    className: input.type === 'code' ? 'wd-input wd-code' : 'wd-input',
    value: text,
    placeholder: input.placeholder,
    'aria-describedby': describedBy,
    'aria-invalid': isInvalid,
    spellCheck: input.type !== 'code',
    onSelect: () => setCaret([ref.current?.selectionStart ?? text.length, ref.current?.selectionEnd ?? text.length]),
    onChange: (event: { target: { value: string } }) => onChange(event.target.value === '' ? undefined : event.target.value),
  };

  const insert = (snippet: string) => {
    const [start, end] = caret ?? [text.length, text.length];
    const next = insertAt(text, snippet, start, end);
    onChange(next.text);
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(next.caret, next.caret);
    });
  };

  return (
    <>
      <div className="wd-field__row">
        {isMultiline ? <textarea {...common} rows={input.type === 'code' ? 8 : 3} /> : <input {...common} type="text" />}
        {allowVariables && <VariableTools componentId={componentId} onInsert={insert} />}
      </div>
      {allowVariables && <VariableChips text={text} />}
    </>
  );
}
