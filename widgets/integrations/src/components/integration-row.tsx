/** @module IntegrationRow: one active integration: state, last run, "update available", and its actions. */
import type { Integration } from '@weft/api-client';
import { Badge, Button, formatRelativeTime, useStrings, useWidgetRoot } from '@weft/ui-kit';
import { useIntegrationsStore } from '../hooks/use-integrations-store.ts';

const RUN_TONE = { running: 'muted', waiting: 'muted', succeeded: 'success', failed: 'danger', cancelled: 'warning' } as const;

export function IntegrationRow({ integration, now }: { integration: Integration; now: number }) {
  const t = useStrings();
  const { locale } = useWidgetRoot();
  const pending = useIntegrationsStore((s) => s.pending[integration.flowId]);
  const pause = useIntegrationsStore((s) => s.pause);
  const resume = useIntegrationsStore((s) => s.resume);
  const update = useIntegrationsStore((s) => s.update);
  const openDialog = useIntegrationsStore((s) => s.openDialog);
  const { lastRun } = integration;
  const isRunning = integration.stage === 'running';
  return (
    <tr aria-busy={pending ? true : undefined} data-run={lastRun?.status}>
      <th scope="row">
        <span className="weft-int__name">{integration.name}</span>
        <span className="weft-int__muted"> · {integration.template.name} · {t('integrations.version', { version: integration.template.version })}</span>
        {integration.updateAvailable ? (
          <div><Badge tone="warning">{t('integrations.updateAvailable', { version: integration.template.latestVersion ?? integration.template.version })}</Badge></div>
        ) : null}
      </th>
      <td><Badge tone={isRunning ? 'success' : 'muted'}>{t(`integrations.stage.${integration.stage}`)}</Badge></td>
      <td>
        {lastRun ? (
          <>
            <Badge tone={RUN_TONE[lastRun.status]}>{t(`integrations.run.${lastRun.status}`)}</Badge>
            <span className="weft-int__muted"> {formatRelativeTime(lastRun.startedAt, now, locale)}</span>
          </>
        ) : <span className="weft-int__muted">{t('integrations.neverRan')}</span>}
      </td>
      <td>
        <div className="weft-int__actions" role="group" aria-label={t('integrations.actionsOf', { name: integration.name })}>
          {integration.updateAvailable ? <Button variant="primary" disabled={!!pending} onClick={() => void update(integration)}>{t('integrations.update')}</Button> : null}
          {isRunning
            ? <Button disabled={!!pending} onClick={() => void pause(integration)}>{t('integrations.pause')}</Button>
            : <Button disabled={!!pending} onClick={() => void resume(integration)}>{t('integrations.resume')}</Button>}
          <Button disabled={!!pending} onClick={() => openDialog({ kind: 'edit', integration })}>{t('integrations.edit')}</Button>
          <Button variant="ghost" className="weft-int__remove" disabled={!!pending} onClick={() => openDialog({ kind: 'remove', integration })}>{t('integrations.remove')}</Button>
        </div>
      </td>
    </tr>
  );
}
