import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ApiError, createApiClient } from '@weft/api-client';
import { WidgetRoot } from '@weft/ui-kit';
import type { AdminClient } from '../api/admin-client.ts';
import { AdminClientProvider } from '../api/admin-client-context.tsx';
import { catalogues } from '../strings.ts';
import { SetPasswordPage, setPasswordToken } from './set-password-page.tsx';

afterEach(cleanup);

function renderPage(setPassword: AdminClient['setPassword'], onDone = vi.fn()) {
  const admin = { setPassword } as AdminClient;
  render(
    <WidgetRoot api={createApiClient({ baseUrl: 'http://engine' })} catalogues={catalogues}>
      <AdminClientProvider client={admin}>
        <SetPasswordPage token="tok-123" onDone={onDone} />
      </AdminClientProvider>
    </WidgetRoot>,
  );
  const fill = (password: string, repeat = password) => {
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: password } });
    fireEvent.change(screen.getByLabelText('Repeat it'), { target: { value: repeat } });
    fireEvent.submit(screen.getByRole('button', { name: 'Set password' }).closest('form')!);
  };
  return { fill, onDone };
}

describe('the set-password link', () => {
  it('reads the token from #/set-password?token=…', () => {
    expect(setPasswordToken('#/set-password?token=abc_-1')).toBe('abc_-1');
    expect(setPasswordToken('#/modifiers')).toBeUndefined();
  });

  it('sends the token and the new password, then offers to log in', async () => {
    const setPassword = vi.fn(async () => undefined);
    const { fill, onDone } = renderPage(setPassword);
    fill('violet tractor umbrella');
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Your password is set. Log in with it now.');
    expect(setPassword).toHaveBeenCalledWith({ token: 'tok-123', password: 'violet tractor umbrella' });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(onDone).toHaveBeenCalled();
  });

  it('says when the two passwords differ, and when the server finds the password weak', async () => {
    const setPassword = vi.fn(async () => {
      throw new ApiError({ status: 400, code: 'auth.weak_password', message: 'common' });
    });
    const { fill } = renderPage(setPassword);
    fill('violet tractor umbrella', 'violet tractor');
    expect((await screen.findByRole('alert')).textContent).toBe('The two passwords differ.');
    expect(setPassword).not.toHaveBeenCalled();
    fill('password1234');
    expect((await screen.findByRole('alert')).textContent).toBe('This password is too easy to guess; choose a longer, less common one.');
  });
});
