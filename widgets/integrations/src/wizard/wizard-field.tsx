/** @module WizardFieldControl: one wizard question, in the control its type asks for. */
import { useId } from 'react';
import type { WizardField } from '@weft/api-client';
import { TextInput, useStrings } from '@weft/ui-kit';
import { useWizardStore } from '../hooks/use-wizard-store.ts';
import { AccountField } from './account-field.tsx';
import { ChoiceField } from './choice-field.tsx';

export function WizardFieldControl({ field, error, dependsOn }: { field: WizardField; error?: string | undefined; dependsOn: string }) {
  const t = useStrings();
  const id = useId();
  const answer = useWizardStore((s) => s.answers[field.id]);
  const setAnswer = useWizardStore((s) => s.setAnswer);
  const value = answer ?? field.defaultValue;
  const label = `${field.label}${field.required ? ' *' : ''}`;
  switch (field.type) {
    case 'text':
      return <TextInput label={label} value={typeof value === 'string' ? value : ''} error={error} title={field.tooltip} onChange={(text) => setAnswer(field.id, text)} />;
    case 'number':
      return (
        <TextInput
          label={label}
          type="number"
          inputMode="decimal"
          value={typeof value === 'number' && Number.isFinite(value) ? String(value) : ''}
          error={error}
          title={field.tooltip}
          onChange={(text) => setAnswer(field.id, text.trim() === '' ? undefined : Number(text))}
        />
      );
    case 'toggle':
      return (
        <div className="weft-int__field">
          <label className="weft-int__check" htmlFor={id}>
            <input id={id} type="checkbox" checked={value === true} onChange={(event) => setAnswer(field.id, event.target.checked)} aria-describedby={field.tooltip ? `${id}-hint` : undefined} />
            {field.label}
          </label>
          {field.tooltip ? <span id={`${id}-hint`} className="weft-int__field-hint">{field.tooltip}</span> : null}
          {error ? <span className="weft-field__error" role="alert">{error}</span> : null}
        </div>
      );
    case 'select':
    case 'multiselect':
      return <ChoiceField field={field} error={error} dependsOn={dependsOn} />;
    case 'account':
      return <AccountField field={field} error={error} />;
    case 'mapping':
      return (
        <div className="weft-int__field">
          <TextInput
            label={label}
            className="weft-int__mono"
            value={typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value)}
            error={error}
            placeholder="{{{$.trigger.out.data.email}}}"
            onChange={(text) => setAnswer(field.id, text)}
          />
          <span className="weft-int__field-hint">{field.tooltip ?? t('wizard.mappingHint', { example: '{{{$.trigger.out.data.email}}}' })}</span>
        </div>
      );
  }
}
