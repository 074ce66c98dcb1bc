/** @module LoginPage: log in or sign up into the engine's session cookie; on success the Studio opens the flows. */
import { useState } from 'react';
import { MIN_PASSWORD_LENGTH, type SessionAuth } from '@weft/api-client';
import { useCredentialsForm, type Credentials } from '@weft/ui-kit';
import { isStudioKey, t } from './strings.ts';
import type { Session } from './session.ts';

function messageOf(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const key = `studio.error.${code}`;
  if (isStudioKey(key)) return t(key);
  return t('studio.error.other', { message: error instanceof Error ? error.message : String(error) });
}

export function LoginPage({ auth, onSession }: { auth: SessionAuth; onSession: (session: Session) => void }) {
  const [mode, setMode] = useState<'login' | 'signup'>('login');
  const send = async (credentials: Credentials) => {
    const answer = await (mode === 'login' ? auth.login(credentials) : auth.signup(credentials));
    onSession({ expiresAt: answer.expiresAt, email: answer.user.email });
  };
  const { email, setEmail, password, setPassword, error, clearError, isBusy, submit } = useCredentialsForm(send, messageOf);

  return (
    <main className="studio-login">
      <form className="studio-login__card" onSubmit={submit} aria-labelledby="studio-login-title">
        <h1 id="studio-login-title">{t('studio.title')}</h1>
        <h2>{mode === 'login' ? t('studio.login') : t('studio.signup')}</h2>
        <label>
          {t('studio.email')}
          <input type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          {t('studio.password')}
          <input
            type="password"
            autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
            required
            // Only a new password must meet the rule: accounts from before it keep their shorter ones.
            {...(mode === 'signup' ? { minLength: MIN_PASSWORD_LENGTH, 'aria-describedby': 'studio-password-hint' } : {})}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {mode === 'signup' ? <small id="studio-password-hint">{t('studio.passwordHint', { min: String(MIN_PASSWORD_LENGTH) })}</small> : null}
        </label>
        {error ? <p className="studio-login__error" role="alert">{error}</p> : null}
        <button type="submit" className="studio-button studio-button--primary" disabled={isBusy}>
          {isBusy ? t('studio.busy') : mode === 'login' ? t('studio.login') : t('studio.signup')}
        </button>
        <button type="button" className="studio-link" onClick={() => { setMode(mode === 'login' ? 'signup' : 'login'); clearError(); }}>
          {mode === 'login' ? t('studio.toSignup') : t('studio.toLogin')}
        </button>
      </form>
    </main>
  );
}
