/**
 * @module ConnectAccountForm: the form that connects (or reconnects) an account: a generic kind or
 * a connector's, its fields, OAuth 2 through the popup. Exported for the designer's inspector.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { ApiError, type Account, type ConnectorAccountType, type CreateAccountBody } from '@weft/api-client';
import { Button, Select, TextInput, useStrings } from '@weft/ui-kit';
import { initialValues, kindOf, kindsFor, GENERIC_KINDS, type AccountKind } from '../account-kinds.ts';
import { connectWithPopup, type AccountsApi, type PopupWindow } from '../oauth-popup.ts';
import { KindFields } from './kind-fields.tsx';

export interface ConnectAccountFormProps {
  api: AccountsApi;
  /** The connectors' own kinds (`GET /accounts/types`). */
  types: readonly ConnectorAccountType[];
  /** Offer only this connector's kind. */
  connector?: string | undefined;
  /** Offer only the generic kinds (the HTTP Request's picker). */
  genericOnly?: boolean;
  /** Give this account new credentials instead of connecting a new one. */
  reconnect?: Account | undefined;
  onConnected: (account: Account) => void;
  onCancel: () => void;
  /** The window that opens the OAuth popup (a fake one in tests). */
  popupWindow?: PopupWindow;
}

export function ConnectAccountForm({ api, types, connector, genericOnly = false, reconnect, onConnected, onCancel, popupWindow }: ConnectAccountFormProps) {
  const t = useStrings();
  const kinds = useMemo(() => {
    if (reconnect) return [kindOf(reconnect, types)].filter((kind): kind is AccountKind => kind !== undefined);
    return genericOnly ? [...GENERIC_KINDS] : kindsFor(types, connector);
  }, [reconnect, types, connector, genericOnly]);
  const [kindId, setKindId] = useState(kinds[0]?.id ?? '');
  const kind = kinds.find((item) => item.id === kindId) ?? kinds[0];
  const [name, setName] = useState(reconnect?.name ?? '');
  const [values, setValues] = useState<Record<string, string>>(() => (kind ? initialValues(kind, reconnect) : {}));
  const [testUrl, setTestUrl] = useState(reconnect?.testUrl ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [isBusy, setBusy] = useState(false);

  if (!kind) return <p role="alert">{t('accounts.noKind')}</p>;

  const chooseKind = (id: string) => {
    const next = kinds.find((item) => item.id === id);
    setKindId(id);
    if (next) setValues(initialValues(next));
    setErrors({});
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!name.trim()) missing.name = t('accounts.nameRequired');
    for (const [field, spec] of Object.entries(kind.fields)) {
      // A reconnect keeps a stored secret left empty.
      if (spec.required && (values[field] ?? '').trim() === '' && !(reconnect && spec.type === 'password')) missing[field] = t('accounts.fieldRequired');
    }
    setErrors(missing);
    setFormError(undefined);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    try {
      onConnected(await save(api, kind, name.trim(), values, testUrl.trim(), reconnect, { blocked: t('accounts.popupBlocked'), closed: t('accounts.popupClosed') }, popupWindow));
    } catch (error) {
      const field = error instanceof ApiError ? /^body\.fields\.(\w+)/.exec(error.path ?? '')?.[1] : undefined;
      if (field && field in kind.fields) setErrors({ [field]: error instanceof Error ? error.message : String(error) });
      else setFormError(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const isOAuth = kind.type === 'oauth2';
  return (
    <form className="weft-acc__form" onSubmit={(event) => void submit(event)} aria-busy={isBusy || undefined}>
      {kinds.length > 1 ? (
        <Select label={t('accounts.kind')} value={kind.id} options={kinds.map((item) => ({ value: item.id, label: item.labelKey ? t(item.labelKey) : (item.label ?? item.id) }))} onChange={chooseKind} />
      ) : null}
      <TextInput label={t('accounts.name')} value={name} error={errors.name} maxLength={200} onChange={setName} />
      <KindFields kind={kind} values={values} errors={errors} isReconnect={reconnect !== undefined} onChange={(field, value) => setValues((v) => ({ ...v, [field]: value }))} />
      {kind.hasTestUrl ? <TextInput label={t('accounts.testUrl')} type="url" value={testUrl} placeholder="https://api.example.com/me" onChange={setTestUrl} /> : null}
      {isOAuth ? <p className="weft-acc__hint">{t('accounts.oauthHint')}</p> : null}
      {formError ? <p className="weft-acc__form-error" role="alert">{formError}</p> : null}
      <div className="weft-dialog__actions">
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" disabled={isBusy}>{isBusy ? t('accounts.connecting') : isOAuth ? t('accounts.signIn') : reconnect ? t('accounts.save') : t('accounts.connect')}</Button>
      </div>
    </form>
  );
}

async function save(api: AccountsApi, kind: AccountKind, name: string, values: Record<string, string>, testUrl: string, reconnect: Account | undefined, popupStrings: { blocked: string; closed: string }, win?: PopupWindow): Promise<Account> {
  if (kind.type === 'oauth2') {
    const target = kind.connector !== undefined
      ? { connector: kind.connector }
      : {
          authDefinition: {
            authorizationUrl: values.authorizationUrl ?? '', tokenUrl: values.tokenUrl ?? '', clientId: values.clientId ?? '',
            ...(values.clientSecret ? { clientSecret: values.clientSecret } : {}),
            scopes: (values.scopes ?? '').split(/[\s,]+/).filter(Boolean),
          },
        };
    return connectWithPopup(api, { name, ...target, ...(reconnect ? { accountId: reconnect.id } : {}) }, popupStrings, win);
  }
  const fields = fieldValues(kind, values, reconnect !== undefined);
  if (reconnect) {
    const account = await api.updateAccount(reconnect.id, { fields, ...(kind.hasTestUrl && testUrl !== '' ? { testUrl } : {}) });
    return name === reconnect.name ? account : api.updateAccount(reconnect.id, { name });
  }
  const body = kind.connector !== undefined
    ? { connector: kind.connector, name, fields }
    : { type: kind.type, name, fields, ...(testUrl !== '' ? { testUrl } : {}) };
  return api.createAccount(body as CreateAccountBody);
}

/** The form's text as the API takes it: numbers and toggles typed, empty optional fields (and kept secrets) left out. */
function fieldValues(kind: AccountKind, values: Record<string, string>, isReconnect: boolean): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [name, spec] of Object.entries(kind.fields)) {
    const value = values[name] ?? '';
    if (value === '' && (spec.type !== 'toggle' || isReconnect)) continue;
    out[name] = spec.type === 'number' ? Number(value) : spec.type === 'toggle' ? value === 'true' : value;
  }
  return out;
}
