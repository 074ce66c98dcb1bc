/**
 * @module ConnectorsPage: the connectors this engine runs (built in or installed) and, for each, its
 * configuration: name/value pairs that apply to every user (OAuth client, base URLs, flags), secret
 * ones sealed by the engine and shown as •••• (sent back unchanged, they keep their stored value).
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { ConnectorPackageInfo } from '@weft/api-client';
import { Badge, Button, EmptyState, ErrorState, Spinner, TextInput, Toolbar, useStrings } from '@weft/ui-kit';
import { useBackofficeStore } from '../store/backoffice-store.ts';
import { TableHead } from '../shell/table-head.tsx';

interface Row {
  key: string;
  value: string;
  secret: boolean;
}

export function ConnectorsPage() {
  const t = useStrings();
  const connectors = useBackofficeStore((s) => s.connectors);
  const loadConnectors = useBackofficeStore((s) => s.loadConnectors);
  const [open, setOpen] = useState<string>();

  useEffect(() => {
    void loadConnectors();
  }, [loadConnectors]);

  const items = connectors.status === 'idle' ? undefined : connectors.data;
  return (
    <section className="bo-page" aria-labelledby="bo-connectors-title">
      <Toolbar label={t('connectors.title')}>
        <h1 id="bo-connectors-title" className="bo-page__title">{t('connectors.title')}</h1>
      </Toolbar>
      <p className="bo-muted">{t('connectors.intro')}</p>
      {connectors.status === 'failed' ? <ErrorState error={connectors.error} onRetry={() => void loadConnectors()} /> : null}
      {!items && connectors.status === 'loading' ? <Spinner /> : null}
      {items && items.length === 0 ? <EmptyState title={t('connectors.empty')} /> : null}
      {items && items.length > 0 ? (
        <table className="bo-table" aria-busy={connectors.status === 'loading'}>
          <TableHead labels={['connector', 'version', 'components', 'actions'].map((column) => t(`connectors.col.${column}`))} />
          <tbody>
            {items.map((connector) => (
              <ConnectorRow key={connector.name} connector={connector} isOpen={open === connector.name} onToggle={() => setOpen(open === connector.name ? undefined : connector.name)} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function ConnectorRow({ connector, isOpen, onToggle }: { connector: ConnectorPackageInfo; isOpen: boolean; onToggle: () => void }) {
  const t = useStrings();
  return (
    <>
      <tr>
        <td>
          {connector.icon ? <img src={connector.icon} alt="" width={16} height={16} /> : null} {connector.label}{' '}
          <span className="bo-muted weft-mono">{connector.name}</span>
        </td>
        <td>
          {connector.version} {connector.builtIn ? <Badge tone="muted">{t('connectors.builtIn')}</Badge> : <Badge tone="success">{t('connectors.installed')}</Badge>}
        </td>
        <td>{connector.components.length}</td>
        <td>
          <Button size="small" aria-expanded={isOpen} onClick={onToggle} aria-label={`${isOpen ? t('connectors.close') : t('connectors.configure')} ${connector.label}`}>
            {isOpen ? t('connectors.close') : t('connectors.configure')}
          </Button>
        </td>
      </tr>
      {isOpen ? (
        <tr>
          <td colSpan={4}>
            <ConfigEditor name={connector.name} label={connector.label} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function ConfigEditor({ name, label }: { name: string; label: string }) {
  const t = useStrings();
  const loadConnectorConfig = useBackofficeStore((s) => s.loadConnectorConfig);
  const saveConnectorConfig = useBackofficeStore((s) => s.saveConnectorConfig);
  const busy = useBackofficeStore((s) => s.busyConnector);
  const [rows, setRows] = useState<Row[]>();
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    let current = true;
    void loadConnectorConfig(name).then((config) => {
      if (!current) return;
      const secret = new Set(config?.secretFields ?? []);
      setRows(Object.entries(config?.values ?? {}).map(([key, value]) => ({ key, value: String(value), secret: secret.has(key) })));
    });
    return () => {
      current = false;
    };
  }, [loadConnectorConfig, name]);

  if (!rows) return <Spinner />;
  const change = (index: number, patch: Partial<Row>) => setRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const kept = rows.filter((row) => row.key.trim() !== '');
    const keys = kept.map((row) => row.key.trim());
    if (new Set(keys).size !== keys.length) return setProblem(t('connectors.duplicateKey'));
    setProblem(undefined);
    void saveConnectorConfig(name, {
      values: Object.fromEntries(kept.map((row) => [row.key.trim(), row.value])),
      secretFields: kept.filter((row) => row.secret).map((row) => row.key.trim()),
    }).then((saved) => {
      if (!saved) return;
      const secret = new Set(saved.secretFields);
      setRows(Object.entries(saved.values).map(([key, value]) => ({ key, value: String(value), secret: secret.has(key) })));
    });
  };

  return (
    <form className="bo-card" onSubmit={submit} aria-label={t('connectors.configTitle', { name: label })}>
      <h2 className="bo-page__subtitle">{t('connectors.configTitle', { name: label })}</h2>
      {rows.length === 0 ? <p className="bo-muted">{t('connectors.noValues')}</p> : null}
      {rows.map((row, index) => (
        <fieldset key={index} className="bo-config-row">
          <TextInput label={t('connectors.key')} value={row.key} onChange={(key) => change(index, { key })} maxLength={200} />
          <TextInput label={t('connectors.value')} value={row.value} onChange={(value) => change(index, { value })} type={row.secret ? 'password' : 'text'} maxLength={4000} autoComplete="off" />
          <label className="bo-checkbox">
            <input type="checkbox" checked={row.secret} onChange={(event) => change(index, { secret: event.target.checked })} /> {t('connectors.secret')}
          </label>
          <Button size="small" onClick={() => setRows(rows.filter((_, i) => i !== index))}>{t('connectors.remove')}</Button>
        </fieldset>
      ))}
      <Button onClick={() => setRows([...rows, { key: '', value: '', secret: false }])}>{t('connectors.addValue')}</Button>
      {problem ? <p role="alert" className="bo-error">{problem}</p> : null}
      <Button type="submit" variant="primary" disabled={busy}>{t('connectors.save')}</Button>
    </form>
  );
}
