import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { createApiClient, type AdminUnprocessedMessage } from '@weft/api-client';
import { WidgetRoot } from '@weft/ui-kit';
import type { AdminClient } from '../api/admin-client.ts';
import { BackofficeStoreProvider, createBackofficeStore } from '../store/backoffice-store.ts';
import { catalogues } from '../strings.ts';
import { MessageTable } from './message-table.tsx';

afterEach(cleanup);

const SET_ID = '7e44868b-2a4f-4f7e-8b8e-1c2d3e4f5a6b';
const FLOW_ID = '1c9d0e7f-3a2b-4c5d-8e6f-7a8b9c0d1e2f';
const parked = (extra: Partial<AdminUnprocessedMessage>): AdminUnprocessedMessage => ({
  id: 'm1', userId: 'u1', flowId: FLOW_ID, componentId: SET_ID, componentType: 'weft.utils.transform.Set',
  message: {}, error: { code: 'modifier.failed', message: 'The mapping into "Read order" (port in) failed' }, attempts: 1, createdAt: 1, updatedAt: 1, ...extra,
});

function renderTable(items: AdminUnprocessedMessage[]) {
  const memory = new Map<string, string>();
  const storage = { getItem: (key: string) => memory.get(key) ?? null, setItem: (key: string, value: string) => void memory.set(key, value), removeItem: (key: string) => void memory.delete(key) };
  const create = () => createBackofficeStore({ admin: {} as AdminClient, storage });
  render(
    <WidgetRoot api={createApiClient({ baseUrl: 'http://engine' })} catalogues={catalogues}>
      <BackofficeStoreProvider create={create}>
        <MessageTable items={items} />
      </BackofficeStoreProvider>
    </WidgetRoot>,
  );
  return within(screen.getAllByRole('row')[1]!).getAllByRole('cell');
}

describe('the unprocessed messages table', () => {
  it("names the component by its label and the flow by its name, with the ids on hover", () => {
    const cells = renderTable([parked({ componentLabel: 'Read order', flowName: 'Orders' })]);
    expect(cells[2]!.textContent).toBe('Orders');
    expect(cells[2]!.getAttribute('title')).toBe(FLOW_ID);
    expect(cells[3]!.textContent).toBe('Read order weft.utils.transform.Set');
    expect(cells[3]!.getAttribute('title')).toBe(SET_ID);
  });

  it('falls back to the start of the ids when the flow is gone', () => {
    const cells = renderTable([parked({})]);
    expect(cells[2]!.textContent).toBe('1c9d0e7f…');
    expect(cells[3]!.textContent).toBe('7e44868b… weft.utils.transform.Set');
  });
});
