/** @module useCredentialsForm: the email, password, busy flag and error of a log-in or sign-up form. */
import { useState, type FormEvent } from 'react';

export interface Credentials {
  email: string;
  password: string;
}

export interface CredentialsForm {
  email: string;
  setEmail: (email: string) => void;
  password: string;
  setPassword: (password: string) => void;
  /** What went wrong on the last submit, in words for the user. */
  error: string | undefined;
  clearError: () => void;
  isBusy: boolean;
  /** The form's `onSubmit`. */
  submit: (event: FormEvent) => void;
}

/**
 * `send` logs in or signs up with the typed credentials; `describeError` turns its failure into the
 * message shown. After a success the form stays busy: the app replaces the page with the signed-in one,
 * and a second click meanwhile must not send again.
 */
export function useCredentialsForm(send: (credentials: Credentials) => Promise<unknown>, describeError: (failure: unknown) => string): CredentialsForm {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [isBusy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    send({ email, password }).catch((failure: unknown) => {
      setError(describeError(failure));
      setBusy(false);
    });
  };

  return { email, setEmail, password, setPassword, error, clearError: () => setError(undefined), isBusy, submit };
}
