/** @module IntegrationsView: toolbar and notice, the user's integrations, the catalogue, and the dialogs. */
import { useEffect, useState } from 'react';
import { Button, ErrorState, Spinner, useLoadEvery, useStrings } from '@weft/ui-kit';
import { useIntegrationsStore } from './hooks/use-integrations-store.ts';
import { Catalogue } from './components/catalogue.tsx';
import { IntegrationRow } from './components/integration-row.tsx';
import { IntegrationDialogs } from './components/integration-dialogs.tsx';

function ActiveIntegrations() {
  const t = useStrings();
  const items = useIntegrationsStore((s) => s.items);
  // "3 minutes ago" is computed against the time of the last load (a render stays pure).
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => setNow(Date.now()), [items]);
  return (
    <section className="weft-int__section" aria-labelledby="weft-int-active">
      <h3 id="weft-int-active" className="weft-int__subtitle">{t('integrations.active')}</h3>
      {items.length === 0 ? <p className="weft-int__muted">{t('integrations.activeEmpty')}</p> : (
        <table className="weft-int__table">
          <thead>
            <tr>
              <th scope="col">{t('integrations.column.name')}</th>
              <th scope="col">{t('integrations.column.status')}</th>
              <th scope="col">{t('integrations.column.lastRun')}</th>
              <th scope="col"><span className="weft-visually-hidden">{t('integrations.column.actions')}</span></th>
            </tr>
          </thead>
          <tbody>{items.map((integration) => <IntegrationRow key={integration.flowId} integration={integration} now={now} />)}</tbody>
        </table>
      )}
    </section>
  );
}

export function IntegrationsView({ pollMs }: { pollMs: number }) {
  const t = useStrings();
  const status = useIntegrationsStore((s) => s.status);
  const error = useIntegrationsStore((s) => s.error);
  const load = useIntegrationsStore((s) => s.load);
  const notice = useIntegrationsStore((s) => s.notice);
  // Runs happen while the page is open: their outcome shows without a click.
  useLoadEvery(load, pollMs);
  return (
    <section className="weft-int" aria-label={t('integrations.title')}>
      <div className="weft-int__toolbar">
        <h2 className="weft-int__title">{t('integrations.title')}</h2>
        <Button onClick={() => void load()}>{t('integrations.refresh')}</Button>
      </div>
      <p className="weft-int__notice" role="status" aria-live="polite" data-tone={notice?.tone}>{notice?.text ?? ''}</p>
      {status === 'loading' || status === 'idle' ? <Spinner /> : null}
      {status === 'error' ? <ErrorState title={t('integrations.loadFailed')} error={error} onRetry={() => void load()} /> : null}
      {status === 'ready' ? (
        <>
          <ActiveIntegrations />
          <Catalogue />
        </>
      ) : null}
      <IntegrationDialogs />
    </section>
  );
}
