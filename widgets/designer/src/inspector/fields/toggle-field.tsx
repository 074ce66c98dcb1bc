/** @module Toggle field: a switch for a boolean. */
import type { ControlProps } from '../field-control.tsx';

export function ToggleField({ id, value, describedBy, isInvalid, onChange }: ControlProps) {
  return (
    <input
      id={id}
      className="wd-switch"
      type="checkbox"
      role="switch"
      checked={value === true}
      aria-describedby={describedBy}
      aria-invalid={isInvalid}
      onChange={(event) => onChange(event.target.checked)}
    />
  );
}
