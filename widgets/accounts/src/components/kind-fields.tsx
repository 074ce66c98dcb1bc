/** @module KindFields: the inputs of one account kind: text, secret (never prefilled), number, toggle, choice. */
import { Select, TextInput, useStrings } from '@weft/ui-kit';
import type { AccountKind } from '../account-kinds.ts';

export interface KindFieldsProps {
  kind: AccountKind;
  values: Record<string, string>;
  errors: Record<string, string>;
  isReconnect: boolean;
  onChange: (field: string, value: string) => void;
}

export function KindFields({ kind, values, errors, isReconnect, onChange }: KindFieldsProps) {
  const t = useStrings();
  return (
    <>
      {Object.entries(kind.fields).map(([name, spec]) => {
        const label = spec.labelKey ? t(spec.labelKey) : spec.label;
        const value = values[name] ?? '';
        if (spec.choices) {
          return <Select key={name} label={label} value={value} options={spec.choices.map((choice) => ({ value: choice.value, label: t(choice.labelKey) }))} onChange={(next) => onChange(name, next)} />;
        }
        if (spec.type === 'toggle') {
          return (
            <label key={name} className="weft-acc__toggle">
              <input type="checkbox" checked={value === 'true'} onChange={(event) => onChange(name, String(event.target.checked))} />
              {label}
            </label>
          );
        }
        return (
          <TextInput
            key={name}
            label={spec.required ? label : `${label} ${t('accounts.optional')}`}
            type={spec.type === 'password' ? 'password' : spec.type === 'number' ? 'number' : 'text'}
            autoComplete={spec.type === 'password' ? 'new-password' : 'off'}
            value={value}
            placeholder={spec.type === 'password' && isReconnect ? t('accounts.keepSecret') : undefined}
            title={spec.tooltip}
            error={errors[name]}
            onChange={(next) => onChange(name, next)}
          />
        );
      })}
    </>
  );
}
