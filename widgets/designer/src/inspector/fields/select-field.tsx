/** @module Select field: one of the options (static or loaded from the engine). */
import type { ControlProps } from '../field-control.tsx';
import { useT } from '../../hooks/use-designer-services.ts';
import { optionKey, useFieldOptions } from './use-field-options.ts';

export function SelectField({ id, input, value, componentType, describedBy, isInvalid, onChange }: ControlProps) {
  const t = useT();
  const { options, isLoading } = useFieldOptions(input, componentType);
  const selected = value === undefined ? '' : optionKey(value);
  const isKnown = selected === '' || options.some((option) => optionKey(option.value) === selected);
  return (
    <select
      id={id}
      className="wd-input"
      value={selected}
      aria-describedby={describedBy}
      aria-invalid={isInvalid}
      aria-busy={isLoading}
      onChange={(event) => {
        const option = options.find((candidate) => optionKey(candidate.value) === event.target.value);
        onChange(option?.value);
      }}
    >
      <option value="">{isLoading ? t('designer.field.optionsLoading') : t('designer.field.choose')}</option>
      {!isKnown && <option value={selected}>{String(value)}</option>}
      {options.map((option) => <option key={optionKey(option.value)} value={optionKey(option.value)}>{option.label}</option>)}
    </select>
  );
}
