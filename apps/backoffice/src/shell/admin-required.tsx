/** @module AdminRequired: what a signed-in user without the admin role sees instead of the Backoffice. */
import { Button, useStrings } from '@weft/ui-kit';
import { useBackofficeStore } from '../store/backoffice-store.ts';

export function AdminRequired() {
  const t = useStrings();
  const email = useBackofficeStore((s) => s.session?.user.email ?? '');
  const logOut = useBackofficeStore((s) => s.logOut);
  return (
    <main className="bo-login">
      <section className="bo-card bo-login__card" aria-labelledby="bo-admin-required">
        <h1 id="bo-admin-required">{t('adminRequired.title')}</h1>
        <p>{t('adminRequired.body', { email })}</p>
        <Button variant="primary" onClick={() => void logOut()}>{t('app.logout')}</Button>
      </section>
    </main>
  );
}
