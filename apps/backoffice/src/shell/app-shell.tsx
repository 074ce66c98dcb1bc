/** @module AppShell: header, section navigation, the notice line and the current page. */
import { lazy, Suspense } from 'react';
import { Button, Spinner, useHashRoute, useStrings } from '@weft/ui-kit';
import { useBackofficeStore } from '../store/backoffice-store.ts';
import { parseRoute, routeHash, sectionOf, type Route, type Section } from '../route.ts';
import { NoticeBar } from './notice-bar.tsx';
import { ModifierListPage } from '../modifiers/modifier-list-page.tsx';
import { ModifierPage } from '../modifiers/modifier-page.tsx';
import { MessagesPage } from '../messages/messages-page.tsx';
import { UsersPage } from '../users/users-page.tsx';
import { TenantPage, TenantsPage } from '../tenants/tenants-page.tsx';
import { SettingsPage } from '../settings/settings-page.tsx';
import { HostKeysPage } from '../host-keys/host-keys-page.tsx';
import { ConnectorsPage } from '../connectors/connectors-page.tsx';
import { AuditPage } from '../audit/audit-page.tsx';

// Monaco is large: its chunk loads only when a page edits code.
const ModifierEditorPage = lazy(() => import('../modifiers/editor/modifier-editor-page.tsx'));

const SECTIONS: { section: Section; route: Route; key: string }[] = [
  { section: 'modifiers', route: { page: 'modifiers' }, key: 'nav.modifiers' },
  { section: 'messages', route: { page: 'messages' }, key: 'nav.messages' },
  { section: 'users', route: { page: 'users' }, key: 'nav.users' },
  { section: 'tenants', route: { page: 'tenants' }, key: 'nav.tenants' },
  { section: 'host-keys', route: { page: 'host-keys' }, key: 'nav.hostKeys' },
  { section: 'connectors', route: { page: 'connectors' }, key: 'nav.connectors' },
  { section: 'audit', route: { page: 'audit' }, key: 'nav.audit' },
  { section: 'settings', route: { page: 'settings' }, key: 'nav.settings' },
];

export function AppShell() {
  const t = useStrings();
  const [route, go] = useHashRoute(parseRoute, routeHash);
  const email = useBackofficeStore((s) => s.session?.user.email ?? '');
  const logOut = useBackofficeStore((s) => s.logOut);
  const current = sectionOf(route);

  return (
    <div className="bo-app">
      <header className="bo-header">
        <strong className="bo-header__title">{t('app.title')}</strong>
        <nav aria-label={t('app.nav')} className="bo-header__nav">
          {SECTIONS.map(({ section, route: target, key }) => (
            <a key={section} href={routeHash(target)} aria-current={current === section ? 'page' : undefined}>{t(key)}</a>
          ))}
        </nav>
        <span className="bo-header__user" title={t('app.signedInAs', { email })}>{email}</span>
        <Button size="small" onClick={() => void logOut()}>{t('app.logout')}</Button>
      </header>
      <NoticeBar />
      <main className="bo-main">
        <Suspense fallback={<Spinner label={t('editor.loading')} />}>
          {route.page === 'modifiers' ? <ModifierListPage go={go} /> : null}
          {route.page === 'new-modifier' ? <ModifierEditorPage key="+new" name={undefined} go={go} /> : null}
          {route.page === 'modifier' ? (
            <ModifierPage name={route.name} go={go} renderEditor={(name) => <ModifierEditorPage key={name} name={name} go={go} />} />
          ) : null}
          {route.page === 'messages' ? <MessagesPage /> : null}
          {route.page === 'users' ? <UsersPage /> : null}
          {route.page === 'tenants' ? <TenantsPage /> : null}
          {route.page === 'tenant' ? <TenantPage key={route.id} tenantId={route.id} /> : null}
          {route.page === 'host-keys' ? <HostKeysPage /> : null}
          {route.page === 'audit' ? <AuditPage /> : null}
          {route.page === 'connectors' ? <ConnectorsPage /> : null}
          {route.page === 'settings' ? <SettingsPage /> : null}
        </Suspense>
      </main>
    </div>
  );
}
