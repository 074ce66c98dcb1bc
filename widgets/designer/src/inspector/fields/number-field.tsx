/** @module Number field: a number, or (where variables are allowed) a template that yields one. */
import type { ControlProps } from '../field-control.tsx';
import { TextField } from './text-field.tsx';

const NUMBER = /^-?\d+(\.\d+)?$/;

export function NumberField(props: ControlProps) {
  const { id, input, value, allowVariables, describedBy, isInvalid, onChange } = props;
  if (allowVariables) {
    return <TextField {...props} onChange={(next) => onChange(typeof next === 'string' && NUMBER.test(next) ? Number(next) : next)} />;
  }
  return (
    <input
      id={id}
      className="wd-input"
      type="number"
      value={typeof value === 'number' ? value : ''}
      placeholder={input.placeholder}
      aria-describedby={describedBy}
      aria-invalid={isInvalid}
      onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.valueAsNumber)}
    />
  );
}
