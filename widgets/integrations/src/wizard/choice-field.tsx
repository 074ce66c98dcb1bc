/** @module ChoiceField: a select or multiselect wizard field, with static choices or the bound component's dynamic ones. */
import { useEffect, useId } from 'react';
import type { WizardField } from '@weft/api-client';
import { Button, useStrings } from '@weft/ui-kit';
import { useWizardStore } from '../hooks/use-wizard-store.ts';

/** Choices may be objects (dynamic options): compared by their JSON. */
const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

export function ChoiceField({ field, error, dependsOn }: { field: WizardField; error?: string | undefined; dependsOn: string }) {
  const t = useStrings();
  const id = useId();
  const value = useWizardStore((s) => s.answers[field.id] ?? field.defaultValue);
  const setAnswer = useWizardStore((s) => s.setAnswer);
  const loadChoices = useWizardStore((s) => s.loadChoices);
  const dynamic = useWizardStore((s) => s.choices[field.id]);
  const isDynamic = field.source !== undefined;
  // Dynamic choices depend on the answers bound to the same component: ask again when they change.
  useEffect(() => {
    if (isDynamic) void loadChoices(field.id);
  }, [isDynamic, loadChoices, field.id, dependsOn]);
  const items = isDynamic ? (dynamic?.items ?? []) : (field.options ?? []);
  const errorId = `${id}-error`;
  const described = [error ? errorId : '', field.tooltip ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const status = isDynamic && dynamic?.status !== 'ready'
    ? dynamic?.status === 'error'
      ? <span className="weft-int__field-hint" role="alert">{t('wizard.optionsFailed', { message: dynamic.message ?? '' })} <Button variant="ghost" onClick={() => void loadChoices(field.id)}>{t('common.retry')}</Button></span>
      : <span className="weft-int__field-hint" role="status">{t('wizard.optionsLoading')}</span>
    : null;
  if (field.type === 'multiselect') {
    const chosen: unknown[] = Array.isArray(value) ? (value as unknown[]) : [];
    const toggle = (option: unknown, isOn: boolean) => setAnswer(field.id, isOn ? [...chosen, option] : chosen.filter((item) => !same(item, option)));
    return (
      <fieldset className="weft-int__field" aria-describedby={described} aria-invalid={error ? true : undefined}>
        <legend className="weft-field__label">{field.label}{field.required ? ' *' : ''}</legend>
        {field.tooltip ? <span id={`${id}-hint`} className="weft-int__field-hint">{field.tooltip}</span> : null}
        {items.map((option, i) => (
          <label key={i} className="weft-int__check">
            <input type="checkbox" checked={chosen.some((item) => same(item, option.value))} onChange={(event) => toggle(option.value, event.target.checked)} />
            {option.label}
          </label>
        ))}
        {status}
        {error ? <span id={errorId} className="weft-field__error" role="alert">{error}</span> : null}
      </fieldset>
    );
  }
  const index = items.findIndex((option) => same(option.value, value));
  return (
    <div className="weft-field weft-int__field">
      <label htmlFor={id} className="weft-field__label">{field.label}{field.required ? ' *' : ''}</label>
      <select
        id={id}
        className="weft-select"
        value={index < 0 ? '' : String(index)}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        aria-busy={isDynamic && dynamic?.status === 'loading' ? true : undefined}
        onChange={(event) => {
          const option = items[Number(event.target.value)];
          setAnswer(field.id, event.target.value === '' || !option ? undefined : option.value);
        }}
      >
        <option value="">{t('wizard.chooseOne')}</option>
        {items.map((option, i) => <option key={i} value={String(i)}>{option.label}</option>)}
      </select>
      {field.tooltip ? <span id={`${id}-hint`} className="weft-int__field-hint">{field.tooltip}</span> : null}
      {status}
      {error ? <span id={errorId} className="weft-field__error" role="alert">{error}</span> : null}
    </div>
  );
}
