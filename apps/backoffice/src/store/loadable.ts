/** @module Loadable: the state of something fetched from the engine, and how a failure reads to a person. */
import { isApiError } from '@weft/api-client';

export type Loadable<T> =
  | { status: 'idle' }
  | { status: 'loading'; data?: T | undefined }
  | { status: 'ready'; data: T }
  | { status: 'failed'; error: string; data?: T | undefined };

export function dataOf<T>(loadable: Loadable<T>): T | undefined {
  return loadable.status === 'idle' ? undefined : loadable.data;
}

/** The server's message (it is written for people); the code when there is none. */
export function describeError(error: unknown): string {
  if (isApiError(error)) return error.message || error.code;
  if (error instanceof Error) return error.message;
  return String(error);
}
