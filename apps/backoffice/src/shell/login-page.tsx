/** @module LoginPage: email and password → POST /auth/login into the engine's HttpOnly session cookie. */
import { isApiError } from '@weft/api-client';
import { Button, TextInput, useCredentialsForm, useStrings } from '@weft/ui-kit';
import { useBackofficeStore } from '../store/backoffice-store.ts';

const KNOWN_CODES = new Set(['auth.invalid_credentials', 'auth.disabled', 'auth.rate_limited', 'network.failed']);

export function LoginPage() {
  const t = useStrings();
  const logIn = useBackofficeStore((s) => s.logIn);
  const { email, setEmail, password, setPassword, error, isBusy, submit } = useCredentialsForm(logIn, (failure) => {
    const code = isApiError(failure) ? failure.code : '';
    return KNOWN_CODES.has(code) ? t(`login.error.${code}`) : t('login.error.other', { message: failure instanceof Error ? failure.message : String(failure) });
  });

  return (
    <main className="bo-login">
      <form className="bo-card bo-login__card" onSubmit={submit} aria-labelledby="bo-login-title">
        <h1 id="bo-login-title">{t('login.title')}</h1>
        <TextInput label={t('login.email')} type="email" autoComplete="username" required value={email} onChange={setEmail} />
        <TextInput label={t('login.password')} type="password" autoComplete="current-password" required value={password} onChange={setPassword} />
        {error ? <p className="bo-error" role="alert">{error}</p> : null}
        <Button type="submit" variant="primary" disabled={isBusy}>{isBusy ? t('login.busy') : t('login.submit')}</Button>
      </form>
    </main>
  );
}
