/** @module WizardForm: the wizard's questions (those whose `when` holds), its errors, and submit / cancel. */
import { useEffect, useMemo, type FormEvent } from 'react';
import { Button, ErrorState, Spinner, useStrings } from '@weft/ui-kit';
import { useWizardStore } from '../hooks/use-wizard-store.ts';
import type { WizardResult } from '../store/wizard-store.ts';
import { WizardFieldControl } from './wizard-field.tsx';
import { ConnectAccount } from './account-field.tsx';
import { shownFields } from './wizard-model.ts';

export interface WizardFormProps {
  onDone: (result: WizardResult) => void;
  onCancel?: (() => void) | undefined;
  /** Show the template's name and description above the questions (the standalone wizard). */
  showHeading?: boolean;
}

export function WizardForm({ onDone, onCancel, showHeading = false }: WizardFormProps) {
  const t = useStrings();
  const status = useWizardStore((s) => s.status);
  const error = useWizardStore((s) => s.error);
  const template = useWizardStore((s) => s.template);
  const integration = useWizardStore((s) => s.integration);
  const answers = useWizardStore((s) => s.answers);
  const errors = useWizardStore((s) => s.errors);
  const askAgain = useWizardStore((s) => s.askAgain);
  const formError = useWizardStore((s) => s.formError);
  const load = useWizardStore((s) => s.load);
  const submit = useWizardStore((s) => s.submit);
  useEffect(() => {
    void load();
  }, [load]);
  const fields = useMemo(() => (template ? shownFields(template.wizard, answers) : []), [template, answers]);
  if (status === 'loading') return <Spinner />;
  if (status === 'error' || !template) return <ErrorState title={t('wizard.loadFailed')} error={error} onRetry={() => void load()} />;

  /** Answers of the fields bound to a component, so a dynamic select asks again when one changes. */
  const dependsOnOf = (componentId: string | undefined) => JSON.stringify(
    template.wizard.fields.filter((field) => field.bind.some((bind) => bind.componentId === componentId)).map((field) => answers[field.id]),
  );
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await submit();
    if (result) onDone(result);
  };
  const isBusy = status === 'submitting';
  return (
    <>
      <form className="weft-int__wizard" onSubmit={(event) => void onSubmit(event)} noValidate aria-busy={isBusy}>
        {showHeading ? (
          <header className="weft-int__wizard-head">
            <h2 className="weft-int__title">{t('wizard.title', { name: integration?.name ?? template.name })}</h2>
            {template.description ? <p className="weft-int__muted">{template.description}</p> : null}
          </header>
        ) : null}
        {fields.length === 0 ? <p className="weft-int__muted">{t('wizard.noQuestions')}</p> : null}
        {fields.map((field) => (
          <div key={field.id} className="weft-int__question" data-ask-again={askAgain.includes(field.id) ? 'true' : undefined}>
            {askAgain.includes(field.id) ? <span className="weft-int__ask-again">{t('wizard.askAgain')}</span> : null}
            <WizardFieldControl field={field} error={errors[field.id]} dependsOn={dependsOnOf(field.source?.componentId)} />
          </div>
        ))}
        <p className="weft-int__form-error" role="alert">{formError ?? ''}</p>
        <div className="weft-int__wizard-actions">
          {onCancel ? <Button onClick={onCancel}>{t('wizard.cancel')}</Button> : null}
          <Button type="submit" variant="primary" disabled={isBusy}>
            {isBusy ? t('wizard.submitting') : integration ? t('wizard.save') : t('wizard.submit')}
          </Button>
        </div>
      </form>
      <ConnectAccount />
    </>
  );
}
