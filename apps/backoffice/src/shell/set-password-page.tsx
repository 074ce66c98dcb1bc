/** @module SetPasswordPage: the one-time link `weft users create-operator` prints → POST /auth/set-password. */
import { useState, type FormEvent } from 'react';
import { isApiError, MIN_PASSWORD_LENGTH } from '@weft/api-client';
import { Button, TextInput, useStrings } from '@weft/ui-kit';
import { useAdminClient } from '../api/admin-client-context.tsx';

const KNOWN_CODES = new Set(['auth.invalid_link', 'auth.weak_password', 'network.failed']);

/** The token of a `#/set-password?token=…` link, if the page was opened with one. */
export function setPasswordToken(hash: string): string | undefined {
  const match = /^#\/set-password\?(.*)$/.exec(hash);
  return match ? new URLSearchParams(match[1]).get('token') ?? undefined : undefined;
}

export function SetPasswordPage({ token, onDone }: { token: string; onDone: () => void }) {
  const t = useStrings();
  const admin = useAdminClient();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string>();
  const [isBusy, setBusy] = useState(false);
  const [isDone, setDone] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password !== repeat) {
      setError(t('setPassword.mismatch'));
      return;
    }
    setBusy(true);
    setError(undefined);
    admin.setPassword({ token, password }).then(() => setDone(true), (failure: unknown) => {
      const code = isApiError(failure) ? failure.code : '';
      setError(KNOWN_CODES.has(code) ? t(`setPassword.error.${code}`) : t('login.error.other', { message: failure instanceof Error ? failure.message : String(failure) }));
    }).finally(() => setBusy(false));
  };

  return (
    <main className="bo-login">
      {isDone ? (
        <section className="bo-card bo-login__card" aria-labelledby="bo-set-password-title">
          <h1 id="bo-set-password-title">{t('setPassword.doneTitle')}</h1>
          <p role="status">{t('setPassword.done')}</p>
          <Button variant="primary" onClick={onDone}>{t('login.submit')}</Button>
        </section>
      ) : (
        <form className="bo-card bo-login__card" onSubmit={submit} aria-labelledby="bo-set-password-title">
          <h1 id="bo-set-password-title">{t('setPassword.title')}</h1>
          <p>{t('setPassword.hint', { min: String(MIN_PASSWORD_LENGTH) })}</p>
          <TextInput label={t('setPassword.password')} type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} value={password} onChange={setPassword} />
          <TextInput label={t('setPassword.repeat')} type="password" autoComplete="new-password" required value={repeat} onChange={setRepeat} />
          {error ? <p className="bo-error" role="alert">{error}</p> : null}
          <Button type="submit" variant="primary" disabled={isBusy}>{isBusy ? t('setPassword.busy') : t('setPassword.submit')}</Button>
        </form>
      )}
    </main>
  );
}
