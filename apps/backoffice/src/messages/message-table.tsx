/** @module MessageTable: one row per parked message; Inspect opens it beside the list. */
import type { AdminUnprocessedMessage } from '@weft/api-client';
import { Button, useStrings } from '@weft/ui-kit';
import { useBackofficeStore } from '../store/backoffice-store.ts';

/** Ids are long; the first characters tell rows apart, the full id is in the title and the inspector. */
const shortId = (id: string): string => (id.length > 12 ? `${id.slice(0, 8)}…` : id);

export function MessageTable({ items }: { items: AdminUnprocessedMessage[] }) {
  const t = useStrings();
  const selectMessage = useBackofficeStore((s) => s.selectMessage);
  const selectedId = useBackofficeStore((s) => (s.selectedMessage.status === 'ready' ? s.selectedMessage.data.id : undefined));
  return (
    <table className="bo-table">
      <thead>
        <tr>
          <th scope="col">{t('messages.col.time')}</th>
          <th scope="col">{t('messages.col.user')}</th>
          <th scope="col">{t('messages.col.flow')}</th>
          <th scope="col">{t('messages.col.component')}</th>
          <th scope="col">{t('messages.col.error')}</th>
          <th scope="col">{t('messages.col.attempts')}</th>
          <th scope="col"><span className="weft-visually-hidden">{t('messages.inspect')}</span></th>
        </tr>
      </thead>
      <tbody>
        {items.map((m) => (
          <tr key={m.id} aria-selected={m.id === selectedId}>
            <td>{new Date(m.createdAt).toLocaleString()}</td>
            <td className="weft-mono" title={m.userId}>{shortId(m.userId)}</td>
            <td title={m.flowId}>{m.flowName ?? <span className="weft-mono">{shortId(m.flowId)}</span>}</td>
            {/* People know a component by its label; the id is the cell's tooltip and the inspector's. */}
            <td title={m.componentId}>{m.componentLabel ?? <span className="weft-mono">{shortId(m.componentId)}</span>} <span className="bo-muted">{m.componentType}</span></td>
            <td title={m.error.message}><code>{m.error.code}</code></td>
            <td>{m.attempts}</td>
            <td><Button size="small" onClick={() => void selectMessage(m.id)}>{t('messages.inspect')}</Button></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
