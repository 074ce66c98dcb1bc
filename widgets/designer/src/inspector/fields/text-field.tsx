/** @module Text field: text, textarea or code; with variables, text shows them as chips and a picker inserts at the caret. */
import { useRef, useState } from 'react';
import type { ControlProps } from '../field-control.tsx';
import { ChipEditor, type ChipEditorHandle } from '../chip-editor.tsx';
import { insertAt } from '../variable-expression.ts';
import { VariableChips } from '../variable-chips.tsx';
import { VariableTools } from '../variable-tools.tsx';

export function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function TextField(props: ControlProps) {
  // Code keeps a plain text area (with the chips listed under it): its text is read as code, not prose.
  return props.allowVariables && props.input.type !== 'code' ? <ChipTextField {...props} /> : <PlainTextField {...props} />;
}

function ChipTextField({ id, input, value, componentId, describedBy, isInvalid, onChange }: ControlProps) {
  const editor = useRef<ChipEditorHandle>(null);
  return (
    <>
      <div className="wd-field__row">
        <ChipEditor
          id={id}
          handle={editor}
          value={asText(value)}
          multiline={input.type === 'textarea'}
          labelledBy={`${id}-label`}
          describedBy={describedBy}
          isInvalid={isInvalid}
          placeholder={input.placeholder}
          onChange={(text) => onChange(text === '' ? undefined : text)}
        />
        <VariableTools componentId={componentId} onInsert={(snippet) => editor.current?.insert(snippet)} />
      </div>
      <VariableChips text={asText(value)} errorsOnly />
    </>
  );
}

function PlainTextField({ id, input, value, componentId, allowVariables, describedBy, isInvalid, onChange }: ControlProps) {
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
