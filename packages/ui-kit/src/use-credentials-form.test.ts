import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { FormEvent } from 'react';
import { useCredentialsForm } from './use-credentials-form.ts';

afterEach(cleanup);
const submitEvent = (preventDefault = vi.fn()) => ({ preventDefault }) as unknown as FormEvent;

describe('when someone submits a log-in form', () => {
  it('sends the typed email and password and stays busy once they are accepted', async () => {
    const send = vi.fn(async () => undefined);
    const { result } = renderHook(() => useCredentialsForm(send, () => 'never shown'));
    act(() => {
      result.current.setEmail('ada@example.com');
      result.current.setPassword('correct horse');
    });
    const preventDefault = vi.fn();
    act(() => result.current.submit(submitEvent(preventDefault)));
    expect(preventDefault).toHaveBeenCalled();
    expect(send).toHaveBeenCalledWith({ email: 'ada@example.com', password: 'correct horse' });
    await act(async () => {});
    expect(result.current.isBusy).toBe(true);
    expect(result.current.error).toBeUndefined();
  });

  it('shows why they were refused, lets them try again, and clears the message on the next try', async () => {
    let answer: Promise<unknown> = Promise.reject(new Error('wrong password'));
    const { result } = renderHook(() => useCredentialsForm(() => answer, (failure) => `No: ${(failure as Error).message}`));
    act(() => result.current.submit(submitEvent()));
    await waitFor(() => expect(result.current.error).toBe('No: wrong password'));
    expect(result.current.isBusy).toBe(false);

    answer = new Promise(() => {});
    act(() => result.current.submit(submitEvent()));
    expect(result.current.error).toBeUndefined();
    expect(result.current.isBusy).toBe(true);
  });

  it('forgets the message when the app asks, e.g. on switching to sign-up', async () => {
    const { result } = renderHook(() => useCredentialsForm(() => Promise.reject(new Error('x')), () => 'refused'));
    act(() => result.current.submit(submitEvent()));
    await waitFor(() => expect(result.current.error).toBe('refused'));
    act(() => result.current.clearError());
    expect(result.current.error).toBeUndefined();
  });
});
