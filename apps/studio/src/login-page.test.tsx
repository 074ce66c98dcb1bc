import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { SessionAuth } from '@weft/api-client';
import { LoginPage } from './login-page.tsx';

afterEach(cleanup);

describe('when someone signs up with an email that already has an account', () => {
  it('says so and suggests logging in', async () => {
    const signup = vi.fn(async () => { throw Object.assign(new Error('exists'), { code: 'user.exists', status: 409 }); });
    const auth = { signup, login: vi.fn() } as unknown as SessionAuth;
    const onSession = vi.fn();
    render(<LoginPage auth={auth} onSession={onSession} />);
    fireEvent.click(screen.getByRole('button', { name: 'No account yet? Sign up' }));
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ada@example.com' } });
    fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'correct horse battery' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Sign up' }).closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toBe('An account with this email exists: log in instead.');
    expect(signup).toHaveBeenCalledWith({ email: 'ada@example.com', password: 'correct horse battery' });
    expect(onSession).not.toHaveBeenCalled();
  });
});
