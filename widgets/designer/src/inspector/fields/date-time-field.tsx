/** @module Date-time field: a local date and time stored as ISO 8601, or a variable. */
import type { ControlProps } from '../field-control.tsx';
import { VariableTools } from '../variable-tools.tsx';
import { TextField } from './text-field.tsx';

function toLocalInput(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function DateTimeField(props: ControlProps) {
  const { id, value, componentId, allowVariables, describedBy, isInvalid, onChange } = props;
  // A variable makes the field free text; clearing it brings the date picker back.
  if (typeof value === 'string' && value.includes('{{{')) return <TextField {...props} />;
  return (
    <div className="wd-field__row">
      <input
        id={id}
        className="wd-input"
        type="datetime-local"
        value={toLocalInput(value)}
        aria-describedby={describedBy}
        aria-invalid={isInvalid}
        onChange={(event) => onChange(event.target.value === '' ? undefined : new Date(event.target.value).toISOString())}
      />
      {allowVariables && <VariableTools componentId={componentId} onInsert={onChange} />}
    </div>
  );
}
