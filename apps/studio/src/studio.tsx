/** @module Studio: the standalone product: log in, then flows → designer → logs, all SDK widgets. */
import { useCallback, useEffect, useState } from 'react';
import { createApiClient, createSessionAuth } from '@weft/api-client';
import { Weft, type Theme } from '@weft/sdk';
import { useHashRoute } from '@weft/ui-kit';
import { LoginPage } from './login-page.tsx';
import { AccountsScreen, DesignerScreen, FlowsScreen, InsightsScreen, IntegrationsScreen, TenantInsightsScreen } from './screens.tsx';
import { parseRoute, routeHash } from './route.ts';
import { clearSession, readSession, writeSession, type Session } from './session.ts';
import { studioLocale, t } from './strings.ts';

const THEME_KEY = 'weft.studio.theme';

/**
 * The SDK's widgets, signed in with the engine's HttpOnly session cookie rather than a bearer token:
 * the Studio is served by the engine itself, and a token in script's reach is one any page on this
 * origin could take. Every widget calls through `weft.api`, so replacing its methods is enough.
 */
function cookieSignedWeft(baseUrl: string, theme: Theme): Weft {
  const weft = new Weft({ baseUrl, theme, locale: studioLocale });
  Object.assign(weft.api, createApiClient({ baseUrl, sessionCookie: true }));
  return weft;
}

export function Studio({ baseUrl = location.origin }: { baseUrl?: string }) {
  const [session, setSession] = useState(() => readSession(localStorage));
  const [theme, setTheme] = useState<Theme>(() => (localStorage.getItem(THEME_KEY) === 'dark' ? 'dark' : 'light'));
  // One SDK object for the page's life; theme changes go through weft.set().
  const [weft] = useState(() => cookieSignedWeft(baseUrl, theme));
  const [auth] = useState(() => createSessionAuth({ baseUrl }));
  const [route, go] = useHashRoute(parseRoute, routeHash);
  // Operators (role admin) get a link to the Backoffice; the role is read from GET /user, never stored.
  const [role, setRole] = useState<string | undefined>(undefined);
  const isAdmin = session !== undefined && role === 'admin';

  const signIn = useCallback((next: Session) => {
    writeSession(localStorage, next);
    setSession(next);
  }, []);

  const signOut = useCallback(() => {
    const done = () => {
      clearSession(localStorage);
      setSession(undefined);
      setRole(undefined);
    };
    // Logout revokes the token and clears the cookie.
    weft.api.logout().then(done, done);
  }, [weft]);

  // A session revoked or expired on the server (or no cookie at all) sends the user back to the login.
  useEffect(() => {
    if (!session) return;
    weft.api.getUser().then((user) => setRole(user.role), (error: unknown) => {
      if (typeof error === 'object' && error !== null && 'status' in error && error.status === 401) {
        clearSession(localStorage);
        setSession(undefined);
      }
    });
  }, [weft, session]);

  useEffect(() => {
    localStorage.setItem(THEME_KEY, theme);
    weft.set('theme', theme);
    document.documentElement.dataset.theme = theme;
  }, [weft, theme]);

  if (!session) return <LoginPage auth={auth} onSession={signIn} />;

  return (
    <div className="studio">
      <header className="studio-header">
        <strong className="studio-header__title">{t('studio.title')}</strong>
        <nav aria-label={t('studio.nav')} className="studio-header__nav">
          <a href="#/flows" aria-current={route.screen === 'flows' || route.screen === 'designer' ? 'page' : undefined}>{t('studio.flows')}</a>
          <a href="#/logs" aria-current={route.screen === 'insights' ? 'page' : undefined}>{t('studio.logs')}</a>
          <a href="#/integrations" aria-current={route.screen === 'integrations' ? 'page' : undefined}>{t('studio.integrations')}</a>
          <a href="#/accounts" aria-current={route.screen === 'accounts' ? 'page' : undefined}>{t('studio.accounts')}</a>
          {isAdmin ? <a href={new URL('/backoffice/', baseUrl).href}>{t('studio.backoffice')}</a> : null}
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
        {route.screen === 'designer' ? <DesignerScreen key={route.flowId} weft={weft} go={go} flowId={route.flowId} run={route.run} canMakeTemplates={isAdmin} /> : null}
        {route.screen === 'accounts' ? <AccountsScreen weft={weft} /> : null}
        {route.screen === 'integrations' ? <IntegrationsScreen weft={weft} /> : null}
        {route.screen === 'tenant-insights' ? <TenantInsightsScreen key={route.tenantId} weft={weft} go={go} tenantId={route.tenantId} /> : null}
        {route.screen === 'insights' ? <InsightsScreen key={route.view ?? 'logs'} weft={weft} go={go} flowId={route.flowId} view={route.view} /> : null}
      </main>
    </div>
  );
}
