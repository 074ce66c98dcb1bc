/**
 * @module AccountField: pick one of the user's accounts that the bound component can use, or
 * connect a new one (the Accounts widget's form, loaded on first use, shown by ConnectAccount).
 */
import { lazy, Suspense, useId, useMemo } from 'react';
import type { Template, WizardField, ConnectorAccountType } from '@weft/api-client';
import { Button, Spinner, useStrings } from '@weft/ui-kit';
import { useWizardStore } from '../hooks/use-wizard-store.ts';
import { boundComponentType, connectorOf } from './wizard-model.ts';

const ConnectAccountDialog = lazy(() => import('./connect-account-dialog.tsx'));

/** The connector whose own account kind the field takes, or undefined for the generic kinds. */
function ownKindOf(template: Template | undefined, field: WizardField, types: readonly ConnectorAccountType[]): string | undefined {
  const type = template ? boundComponentType(template, field.bind[0]?.componentId) : undefined;
  const connector = type ? connectorOf(type) : undefined;
  return connector !== undefined && types.some((kind) => kind.connector === connector) ? connector : undefined;
}

export function AccountField({ field, error }: { field: WizardField; error?: string | undefined }) {
  const t = useStrings();
  const id = useId();
  const template = useWizardStore((s) => s.template);
  const accounts = useWizardStore((s) => s.accounts);
  const types = useWizardStore((s) => s.accountTypes);
  const value = useWizardStore((s) => s.answers[field.id]);
  const setAnswer = useWizardStore((s) => s.setAnswer);
  const setConnecting = useWizardStore((s) => s.setConnecting);
  const connector = ownKindOf(template, field, types);
  // A connector with its own account kind takes only those; any other component the generic kinds.
  const usable = useMemo(() => accounts.filter((account) => account.connector === connector), [accounts, connector]);
  const errorId = `${id}-error`;
  return (
    <div className="weft-field weft-int__field">
      <label htmlFor={id} className="weft-field__label">{field.label}{field.required ? ' *' : ''}</label>
      <div className="weft-int__account">
        <select
          id={id}
          className="weft-select"
          value={typeof value === 'string' ? value : ''}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => setAnswer(field.id, event.target.value === '' ? undefined : event.target.value)}
        >
          <option value="">{usable.length === 0 ? t('wizard.noAccount') : t('wizard.chooseOne')}</option>
          {usable.map((account) => <option key={account.id} value={account.id}>{account.name}</option>)}
        </select>
        <Button onClick={() => setConnecting(field.id)}>{t('wizard.connectAccount')}</Button>
      </div>
      {field.tooltip ? <span className="weft-int__field-hint">{field.tooltip}</span> : null}
      {error ? <span id={errorId} className="weft-field__error" role="alert">{error}</span> : null}
    </div>
  );
}

/** The open "Connect an account" dialog, rendered outside the wizard's form (its own form must not nest in it). */
export function ConnectAccount() {
  const t = useStrings();
  const fieldId = useWizardStore((s) => s.connecting);
  const template = useWizardStore((s) => s.template);
  const types = useWizardStore((s) => s.accountTypes);
  const setConnecting = useWizardStore((s) => s.setConnecting);
  const accountConnected = useWizardStore((s) => s.accountConnected);
  const field = template?.wizard.fields.find((candidate) => candidate.id === fieldId);
  if (!field) return null;
  return (
    <Suspense fallback={<Spinner />}>
      <ConnectAccountDialog
        title={t('wizard.connectTitle', { label: field.label })}
        types={types}
        connector={ownKindOf(template, field, types)}
        onConnected={(account) => accountConnected(field.id, account)}
        onClose={() => setConnecting(null)}
      />
    </Suspense>
  );
}
