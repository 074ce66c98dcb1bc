/** @module Backoffice: the administrator app: log in, check the admin role, then modifiers, messages, users, settings. */
import { useEffect, useState } from 'react';
import { createApiClient } from '@weft/api-client';
import { WidgetRoot } from '@weft/ui-kit';
import { createAdminClient } from './api/admin-client.ts';
import { AdminClientProvider } from './api/admin-client-context.tsx';
import { BackofficeStoreProvider, createBackofficeStore, useBackofficeStore } from './store/backoffice-store.ts';
import { catalogues } from './strings.ts';
import { pageLocale, type BackofficeLocale } from './locale.ts';
import { LoginPage } from './shell/login-page.tsx';
import { SetPasswordPage, setPasswordToken } from './shell/set-password-page.tsx';
import { AdminRequired } from './shell/admin-required.tsx';
import { AppShell } from './shell/app-shell.tsx';

export interface BackofficeProps {
  /** The engine serves the Backoffice, so the API is on the page's own origin. */
  baseUrl?: string;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** Default: `?lang=` in the address, else the browser's languages, else English (see locale.ts). */
  locale?: BackofficeLocale;
}

export function Backoffice({ baseUrl = location.origin, storage = sessionStorage, locale: chosen }: BackofficeProps) {
  const [pageDefault] = useState<BackofficeLocale>(pageLocale);
  const locale = chosen ?? pageDefault;
  // One client pair and one store per Backoffice instance; both sign their calls with the session cookie.
  const [deps] = useState(() => {
    const admin = createAdminClient({ baseUrl });
    const api = createApiClient({ baseUrl, sessionCookie: true });
    const create = () => createBackofficeStore({ admin, storage });
    return { api, admin, create };
  });

  return (
    <WidgetRoot api={deps.api} catalogues={catalogues} locale={locale} className="bo-root">
      <AdminClientProvider client={deps.admin}>
        <BackofficeStoreProvider create={deps.create}>
          <Gate />
        </BackofficeStoreProvider>
      </AdminClientProvider>
    </WidgetRoot>
  );
}

/** A set-password link first (it needs no session), then login, then the role check, then the app. */
function Gate() {
  const [linkToken, setLinkToken] = useState(() => setPasswordToken(location.hash));
  useEffect(() => {
    const read = () => setLinkToken(setPasswordToken(location.hash));
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);
  if (linkToken !== undefined) {
    return <SetPasswordPage token={linkToken} onDone={() => { location.hash = '#/modifiers'; }} />;
  }
  return <SignedInGate />;
}

function SignedInGate() {
  const hasSession = useBackofficeStore((s) => s.session !== undefined);
  const isAdmin = useBackofficeStore((s) => s.session?.user.role === 'admin');
  const refreshUser = useBackofficeStore((s) => s.refreshUser);

  // A stored token may have been revoked, or the role changed, since it was saved.
  useEffect(() => {
    if (hasSession) void refreshUser();
  }, [hasSession, refreshUser]);

  if (!hasSession) return <LoginPage />;
  if (!isAdmin) return <AdminRequired />;
  return <AppShell />;
}
