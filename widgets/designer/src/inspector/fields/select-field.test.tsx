// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Account, ApiClient } from '@weft/api-client';
import { createTranslate, WidgetRoot } from '@weft/ui-kit';
import { DesignerServicesContext, type DesignerServices } from '../../hooks/use-designer-services.ts';
import { designerCatalogues } from '../../strings/designer-strings.ts';
import type { DesignerApi } from '../../api/designer-api.ts';
import { SelectField } from './select-field.tsx';

afterEach(cleanup);

const created: Account = { id: 'acc-9', type: 'bearer', name: 'CRM', fields: { token: '••••' }, profile: {}, status: 'valid', createdAt: 1, updatedAt: 1 };

function renderPicker(componentType: string, extra: Record<string, unknown> = {}) {
  let accounts = [{ label: 'Old', value: 'acc-1' }];
  const api = {
    getComponentOptions: vi.fn(async () => ({ items: accounts })),
    listAccountTypes: vi.fn(async () => ({ items: [{ connector: 'acme.vault', label: 'Acme Vault', type: 'custom', fields: { token: { label: 'Vault token', type: 'password' as const, required: true } } }] })),
    createAccount: vi.fn(async () => {
      accounts = [...accounts, { label: 'CRM', value: 'acc-9' }];
      return created;
    }),
    updateAccount: vi.fn(), startOAuth: vi.fn(), getAccount: vi.fn(),
    ...extra,
  } as unknown as DesignerApi;
  const t = createTranslate({ catalogues: designerCatalogues });
  const services = { api, t } as unknown as DesignerServices;
  const onChange = vi.fn();
  render(
    <WidgetRoot api={api as unknown as ApiClient} catalogues={designerCatalogues}>
      <DesignerServicesContext.Provider value={services}>
        <SelectField id="account" name="account" input={{ type: 'select', label: 'Account', source: { name: 'accounts' } }} value={undefined} componentId="c1" componentType={componentType} allowVariables={false} describedBy={undefined} isInvalid={false} onChange={onChange} />
      </DesignerServicesContext.Provider>
    </WidgetRoot>,
  );
  return { api, onChange };
}

describe('an account picker in the inspector', () => {
  it('connects a new generic account in place for the HTTP Request, then selects it', async () => {
    const { api, onChange } = renderPicker('weft.utils.http.Request');
    const select = screen.getByRole('combobox');
    await screen.findByRole('option', { name: 'Old' });
    fireEvent.change(select, { target: { value: '\u0000connect-new' } });
    const dialog = await screen.findByRole('dialog', { name: 'Connect an account' });
    // The Request takes the generic kinds only.
    const kinds = within(dialog).getAllByRole('option').map((option) => option.textContent);
    expect(kinds).toEqual(['Bearer token', 'API key', 'User name and password (Basic)', 'OAuth 2 (sign in with the provider)']);
    fireEvent.change(within(dialog).getByLabelText('Account name'), { target: { value: 'CRM' } });
    fireEvent.change(within(dialog).getByLabelText('Token'), { target: { value: 'tok-123' } });
    fireEvent.submit(within(dialog).getByLabelText('Token').closest('form')!);
    await waitFor(() => expect(onChange).toHaveBeenCalledWith('acc-9'));
    expect(api.createAccount).toHaveBeenCalledWith({ type: 'bearer', name: 'CRM', fields: { token: 'tok-123' } });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await screen.findByRole('option', { name: 'CRM' })).toBeTruthy();
  });

  it("offers a connector's component only that connector's kind", async () => {
    renderPicker('acme.vault.Read');
    fireEvent.change(screen.getByRole('combobox'), { target: { value: '\u0000connect-new' } });
    const dialog = await screen.findByRole('dialog', { name: 'Connect an account' });
    expect(await within(dialog).findByLabelText('Vault token')).toBeTruthy();
    expect(within(dialog).queryByLabelText('Kind of account')).toBeNull();
  });

  it('has no "Connect new…" when the client cannot connect accounts', async () => {
    renderPicker('weft.utils.http.Request', { createAccount: undefined });
    await screen.findByRole('option', { name: 'Old' });
    expect(screen.queryByRole('option', { name: 'Connect new…' })).toBeNull();
  });
});
