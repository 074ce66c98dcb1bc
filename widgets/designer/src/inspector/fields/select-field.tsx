/** @module Select field: one of the options (static or loaded from the engine); an account picker offers "Connect new…". */
import { useState } from 'react';
import type { ControlProps } from '../field-control.tsx';
import { useDesignerServices, useT } from '../../hooks/use-designer-services.ts';
import { optionKey, useFieldOptions } from './use-field-options.ts';
import { canConnectAccounts, ConnectAccountDialog } from './connect-account-dialog.tsx';

/** The value of the "Connect new…" entry: never a real option's (those are JSON). */
const CONNECT_NEW = '\u0000connect-new';

export function SelectField({ id, input, value, componentType, describedBy, isInvalid, onChange }: ControlProps) {
  const t = useT();
  const { api } = useDesignerServices();
  const { options, isLoading, reload } = useFieldOptions(input, componentType);
  const [isConnecting, setConnecting] = useState(false);
  const selected = value === undefined ? '' : optionKey(value);
  const isKnown = selected === '' || options.some((option) => optionKey(option.value) === selected);
  const canConnect = input.source?.name === 'accounts' && canConnectAccounts(api);
  return (
    <>
      <select
        id={id}
        className="wd-input"
        value={selected}
        aria-describedby={describedBy}
        aria-invalid={isInvalid}
        aria-busy={isLoading}
        onChange={(event) => {
          if (event.target.value === CONNECT_NEW) {
            setConnecting(true);
            return;
          }
          const option = options.find((candidate) => optionKey(candidate.value) === event.target.value);
          onChange(option?.value);
        }}
      >
        <option value="">{isLoading ? t('designer.field.optionsLoading') : t('designer.field.choose')}</option>
        {!isKnown && <option value={selected}>{String(value)}</option>}
        {options.map((option) => <option key={optionKey(option.value)} value={optionKey(option.value)}>{option.label}</option>)}
        {canConnect ? <option value={CONNECT_NEW}>{t('designer.field.connectAccount')}</option> : null}
      </select>
      {isConnecting && canConnectAccounts(api) ? (
        <ConnectAccountDialog
          api={api}
          componentType={componentType}
          title={t('designer.field.connectAccountTitle')}
          onClose={() => setConnecting(false)}
          onConnected={(account) => {
            setConnecting(false);
            reload();
            onChange(account.id);
          }}
        />
      ) : null}
    </>
  );
}
