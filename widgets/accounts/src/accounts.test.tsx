import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiError, type Account, type ApiClient, type ConnectorAccountType } from '@weft/api-client';
import { createEmitter } from '@weft/ui-kit';
import { Accounts } from './accounts.tsx';
import type { PopupWindow } from './oauth-popup.ts';

afterEach(cleanup);

const account = (id: string, extra: Partial<Account> = {}): Account => ({
  id, type: 'bearer', name: `Account ${id}`, fields: { token: '••••' }, profile: {}, status: 'valid', createdAt: 1, updatedAt: 1, ...extra,
});

const vault: ConnectorAccountType = {
  connector: 'acme.vault', label: 'Acme Vault', type: 'custom',
  fields: { host: { label: 'Host', type: 'text', required: true }, port: { label: 'Port', type: 'number' }, token: { label: 'Vault token', type: 'password', required: true } },
};

function fakeApi(accounts: Account[], types: ConnectorAccountType[] = []) {
  const calls = {
    listAccounts: vi.fn(async () => ({ items: accounts })),
    listAccountTypes: vi.fn(async () => ({ items: types })),
    createAccount: vi.fn(async (body: { name: string; connector?: string; type?: string }) => {
      const created = account('new', { name: body.name, ...(body.connector ? { connector: body.connector, type: 'custom' } : {}) });
      accounts = [...accounts, created];
      return created;
    }),
    updateAccount: vi.fn(async (id: string, body: { name?: string }) => ({ ...accounts.find((a) => a.id === id)!, ...body })),
    deleteAccount: vi.fn(async (_id: string, _options?: { force?: boolean }) => undefined),
    testAccount: vi.fn(async (id: string) => ({ ok: false, message: 'GET https://api.example.com/me answered 401', account: { ...accounts.find((a) => a.id === id)!, status: 'invalid' as const, statusReason: 'answered 401' } })),
    startOAuth: vi.fn(async () => ({ authorizeUrl: 'https://provider.example/authorize?state=s1&redirect_uri=https%3A%2F%2Fweft.example%2Foauth%2Fcallback', state: 's1' })),
    getAccount: vi.fn(async (id: string) => account(id, { type: 'oauth2', name: 'GitHub' })),
  };
  return { api: calls as unknown as ApiClient, calls };
}

/** A window whose popup is a plain object; `post` plays the callback page. */
function fakeWindow() {
  const listeners = new Set<(event: MessageEvent) => void>();
  const popup = { closed: false, close: vi.fn(), location: { href: '' } };
  const win = {
    location: { origin: 'https://host.example' },
    open: vi.fn(() => popup),
    addEventListener: (_type: string, listener: (event: MessageEvent) => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: (event: MessageEvent) => void) => listeners.delete(listener),
  };
  const post = (origin: string, data: unknown) => { for (const listener of [...listeners]) listener({ origin, data } as MessageEvent); };
  return { win: win as unknown as PopupWindow, popup, post };
}

describe('the accounts widget', () => {
  it('invites the user to connect a first account, and connects a connector\'s own with its declared fields', async () => {
    const { api, calls } = fakeApi([], [vault]);
    render(<Accounts api={api} pollMs={0} />);
    expect(await screen.findByText('No connected accounts yet')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Connect an account' }));
    const dialog = screen.getByRole('dialog', { name: 'Connect an account' });
    fireEvent.change(within(dialog).getByLabelText('Kind of account'), { target: { value: 'connector:acme.vault' } });
    fireEvent.change(within(dialog).getByLabelText('Account name'), { target: { value: 'Prod vault' } });
    fireEvent.change(within(dialog).getByLabelText('Host'), { target: { value: 'vault.local' } });
    fireEvent.change(within(dialog).getByLabelText('Port (optional)'), { target: { value: '8200' } });
    fireEvent.submit(within(dialog).getByLabelText('Host').closest('form')!);
    expect(await within(dialog).findByText('This field is required')).toBeTruthy();
    expect(calls.createAccount).not.toHaveBeenCalled();
    fireEvent.change(within(dialog).getByLabelText('Vault token'), { target: { value: 's3cret' } });
    fireEvent.submit(within(dialog).getByLabelText('Host').closest('form')!);
    await waitFor(() => expect(calls.createAccount).toHaveBeenCalledWith({ connector: 'acme.vault', name: 'Prod vault', fields: { host: 'vault.local', port: 8200, token: 's3cret' } }));
    expect(await screen.findByText('Prod vault')).toBeTruthy();
    expect(screen.getByText('Acme Vault')).toBeTruthy();
  });

  it('shows an invalid account with its reason, in Czech too, and tells the host once', async () => {
    const { api, calls } = fakeApi([account('a', { status: 'invalid', statusReason: 'the provider refused to renew the token (invalid_grant)' }), account('b', { status: 'refreshing' })]);
    const onInvalid = vi.fn();
    render(<Accounts api={api} pollMs={0} locale="cs" on={{ 'account:invalid': onInvalid }} />);
    const row = (await screen.findByText('Account a')).closest('tr')!;
    expect(within(row).getByText('Neplatný')).toBeTruthy();
    expect(within(row).getByText(/invalid_grant/)).toBeTruthy();
    expect(within(screen.getByText('Account b').closest('tr')!).getByText('Obnovuje se')).toBeTruthy();
    expect(onInvalid).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Obnovit' }));
    await waitFor(() => expect(calls.listAccounts).toHaveBeenCalledTimes(2));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(onInvalid).toHaveBeenCalledTimes(1);
  });

  it('tells the host when a test finds an account invalid', async () => {
    const { api } = fakeApi([account('a', { testUrl: 'https://api.example.com/me' })]);
    const emitter = createEmitter();
    const onInvalid = vi.fn();
    emitter.on('account:invalid', onInvalid);
    render(<Accounts api={api} pollMs={0} emitter={emitter} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Test' }));
    expect(await screen.findByText(/was refused: GET https:\/\/api.example.com\/me answered 401/)).toBeTruthy();
    expect(onInvalid).toHaveBeenCalledWith({ accountId: 'a', name: 'Account a', reason: 'answered 401' });
  });

  it('shows the running flows that use an account and removes it only when the user forces it', async () => {
    const { api, calls } = fakeApi([account('a')]);
    calls.deleteAccount.mockImplementationOnce(async () => {
      throw new ApiError({ status: 409, code: 'account.in_use', message: 'Running flows use this account', details: { flows: [{ flowId: 'f1', name: 'Invoices' }] } });
    });
    render(<Accounts api={api} pollMs={0} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Remove' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(await within(dialog).findByText('Invoices')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Stop them and remove' }));
    await waitFor(() => expect(calls.deleteAccount).toHaveBeenLastCalledWith('a', { force: true }));
    await waitFor(() => expect(screen.queryByText('Account a')).toBeNull());
  });

  it('connects OAuth through the popup, trusting only the Weft server\'s message for this grant', async () => {
    const { api, calls } = fakeApi([account('a')]);
    const { win, popup, post } = fakeWindow();
    render(<Accounts api={api} pollMs={0} popupWindow={win} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Connect an account' }));
    const dialog = screen.getByRole('dialog', { name: 'Connect an account' });
    fireEvent.change(within(dialog).getByLabelText('Kind of account'), { target: { value: 'oauth2' } });
    fireEvent.change(within(dialog).getByLabelText('Account name'), { target: { value: 'GitHub' } });
    fireEvent.change(within(dialog).getByLabelText('Authorization URL'), { target: { value: 'https://provider.example/authorize' } });
    fireEvent.change(within(dialog).getByLabelText('Token URL'), { target: { value: 'https://provider.example/token' } });
    fireEvent.change(within(dialog).getByLabelText('Client ID'), { target: { value: 'weft' } });
    fireEvent.change(within(dialog).getByLabelText('Scopes (separated by spaces) (optional)'), { target: { value: 'repo user' } });
    fireEvent.submit(within(dialog).getByLabelText('Client ID').closest('form')!);
    await waitFor(() => expect(popup.location.href).toContain('https://provider.example/authorize'));
    expect(calls.startOAuth).toHaveBeenCalledWith(expect.objectContaining({ name: 'GitHub', openerOrigin: 'https://host.example', authDefinition: expect.objectContaining({ scopes: ['repo', 'user'] }) }));
    // A message from elsewhere, or for another grant, is ignored.
    post('https://evil.example', { type: 'weft:oauth', state: 's1', ok: true, accountId: 'stolen' });
    post('https://weft.example', { type: 'weft:oauth', state: 'other', ok: true, accountId: 'other' });
    expect(calls.getAccount).not.toHaveBeenCalled();
    post('https://weft.example', { type: 'weft:oauth', state: 's1', ok: true, accountId: 'gh1' });
    await waitFor(() => expect(calls.getAccount).toHaveBeenCalledWith('gh1'));
    expect(await screen.findByText('“GitHub” is connected.')).toBeTruthy();
  });

  it('reconnects an invalid OAuth account in place: same account, a new sign-in', async () => {
    const invalid = account('gh1', { type: 'oauth2', name: 'GitHub', status: 'invalid', statusReason: 'invalid_grant', fields: { grant: 'authorization_code', authorizationUrl: 'https://provider.example/authorize', tokenUrl: 'https://provider.example/token', clientId: 'weft', scopes: 'repo', accessToken: '••••' } });
    const { api, calls } = fakeApi([invalid]);
    calls.getAccount.mockImplementation(async () => ({ ...invalid, status: 'valid' as const, statusReason: undefined as unknown as string }));
    const { win, post } = fakeWindow();
    render(<Accounts api={api} pollMs={0} popupWindow={win} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Reconnect' }));
    const dialog = screen.getByRole('dialog', { name: 'Reconnect “GitHub”' });
    // What is not secret comes back filled in; the client secret is asked again (optional).
    expect(within(dialog).getByLabelText<HTMLInputElement>('Token URL').value).toBe('https://provider.example/token');
    fireEvent.submit(within(dialog).getByLabelText('Client ID').closest('form')!);
    await waitFor(() => expect(calls.startOAuth).toHaveBeenCalledWith(expect.objectContaining({ accountId: 'gh1', name: 'GitHub', authDefinition: expect.objectContaining({ clientId: 'weft', scopes: ['repo'] }) })));
    post('https://weft.example', { type: 'weft:oauth', state: 's1', ok: true, accountId: 'gh1' });
    const row = (await screen.findByText('“GitHub” is connected.')) && screen.getByText('GitHub').closest('tr')!;
    expect(within(row).getByText('Valid')).toBeTruthy();
    expect(screen.getAllByRole('row')).toHaveLength(2);
  });
});
