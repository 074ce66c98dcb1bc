/** @module Multiselect field: any number of the options, as a group of checkboxes. */
import type { ControlProps } from '../field-control.tsx';
import { optionKey, useFieldOptions } from './use-field-options.ts';

export function MultiselectField({ id, input, value, componentType, describedBy, onChange }: ControlProps) {
  const { options } = useFieldOptions(input, componentType);
  const chosen = Array.isArray(value) ? (value as unknown[]) : [];
  const keys = new Set(chosen.map(optionKey));
  const toggle = (optionValue: unknown, isOn: boolean) => {
    const next = isOn ? [...chosen, optionValue] : chosen.filter((item) => optionKey(item) !== optionKey(optionValue));
    onChange(next.length === 0 ? undefined : next);
  };
  return (
    <div className="wd-choices" role="group" aria-labelledby={`${id}-label`} aria-describedby={describedBy}>
      {options.map((option) => (
        <label key={optionKey(option.value)} className="wd-choice">
          <input type="checkbox" checked={keys.has(optionKey(option.value))} onChange={(event) => toggle(option.value, event.target.checked)} />
          {option.label}
        </label>
      ))}
    </div>
  );
}
