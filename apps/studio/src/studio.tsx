/** @module Studio: the standalone product: log in, then flows → designer → logs, all SDK widgets. */
import { useCallback, useEffect, useState } from 'react';
import { Weft, type Theme } from '@weft/sdk';
import { useHashRoute } from '@weft/ui-kit';
import { LoginPage } from './login-page.tsx';
import { DesignerScreen, FlowsScreen, InsightsScreen } from './screens.tsx';
import { parseRoute, routeHash } from './route.ts';
import { clearSession, readSession, writeSession, type Session } from './session.ts';
import { studioLocale, t } from './strings.ts';

const THEME_KEY = 'weft.studio.theme';

export function Studio({ baseUrl = location.origin }: { baseUrl?: string }) {
  const [session, setSession] = useState(() => readSession(localStorage));
  const [theme, setTheme] = useState<Theme>(() => (localStorage.getItem(THEME_KEY) === 'dark' ? 'dark' : 'light'));
  // One SDK object for the page's life; token and theme changes go through weft.set().
  const [weft] = useState(() => new Weft({ baseUrl, theme, locale: studioLocale, ...(session ? { accessToken: session.token } : {}) }));
  const [route, go] = useHashRoute(parseRoute, routeHash);

  const signIn = useCallback((next: Session) => {
    writeSession(localStorage, next);
    weft.set('accessToken', next.token);
    setSession(next);
  }, [weft]);

  const signOut = useCallback(() => {
    const done = () => {
      clearSession(localStorage);
      weft.set('accessToken', undefined);
      setSession(undefined);
    };
    weft.api.logout().then(done, done);
  }, [weft]);

  // A token revoked or expired on the server sends the user back to the login.
  useEffect(() => {
    if (!session) return;
    weft.api.getUser().catch((error: unknown) => {
      if (typeof error === 'object' && error !== null && 'status' in error && error.status === 401) {
        clearSession(localStorage);
        weft.set('accessToken', undefined);
        setSession(undefined);
      }
    });
  }, [weft, session]);

  useEffect(() => {
    localStorage.setItem(THEME_KEY, theme);
    weft.set('theme', theme);
    document.documentElement.dataset.theme = theme;
  }, [weft, theme]);

  if (!session) return <LoginPage weft={weft} onSession={signIn} />;

  return (
    <div className="studio">
      <header className="studio-header">
        <strong className="studio-header__title">{t('studio.title')}</strong>
        <nav aria-label={t('studio.nav')} className="studio-header__nav">
          <a href="#/flows" aria-current={route.screen === 'flows' || route.screen === 'designer' ? 'page' : undefined}>{t('studio.flows')}</a>
          <a href="#/logs" aria-current={route.screen === 'insights' ? 'page' : undefined}>{t('studio.logs')}</a>
        </nav>
        <label className="studio-header__theme">
          <input type="checkbox" checked={theme === 'dark'} onChange={(e) => setTheme(e.target.checked ? 'dark' : 'light')} />
          {t('studio.theme')}
        </label>
        <span className="studio-header__user">{session.email}</span>
        <button type="button" className="studio-button" onClick={signOut}>{t('studio.logout')}</button>
      </header>
      <main className="studio-main">
        {route.screen === 'flows' ? <FlowsScreen weft={weft} go={go} /> : null}
        {route.screen === 'designer' ? <DesignerScreen key={route.flowId} weft={weft} go={go} flowId={route.flowId} /> : null}
        {route.screen === 'insights' ? <InsightsScreen weft={weft} go={go} flowId={route.flowId} /> : null}
      </main>
    </div>
  );
}
