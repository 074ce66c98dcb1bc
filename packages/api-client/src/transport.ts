/**
 * @module Transport: how every call of the typed clients goes out and comes back: URL and query,
 * headers (bearer token, or session cookie + `X-Weft-CSRF`), credentials, `ApiError` on a non-2xx
 * answer, `response.invalid` when the answer does not fit its schema.
 */
import type { z } from 'zod';
import { ApiError } from './api-error.ts';
import { ApiErrorBody, ConflictBody } from './schemas.ts';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface TransportOptions {
  /** Origin (and optional path prefix) of the engine, e.g. `https://weft.example.com` or `/api`. */
  baseUrl: string;
  /** Read on every request, so a new token takes effect without a new client. */
  getToken?: () => string | undefined;
  /** Defaults to the global `fetch`; inject a fake in tests. */
  fetch?: FetchLike;
  /**
   * First-party pages served by the engine itself (Studio, Backoffice): sign requests with the
   * HttpOnly session cookie that `createSessionAuth` opened, plus the `X-Weft-CSRF` header, instead
   * of a bearer token. Embedding hosts leave it off: their pages hold a bearer token and no cookie.
   */
  sessionCookie?: boolean;
  /**
   * Reads an error answer before the generic reading does; `undefined` falls through to it. The
   * Backoffice turns a modifier's 409 into its own error carrying the latest modifier.
   */
  readError?: (status: number, json: unknown) => ApiError | undefined;
}

export type Query = Record<string, unknown>;

export interface RequestSpec<T> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Query | undefined;
  body?: unknown;
  /** Without one the answer is not read and the call resolves `undefined`. */
  schema?: z.ZodType<T> | undefined;
  /** `false`: never send the bearer token (sign-up, login, health). */
  auth?: boolean;
}

export type Transport = ReturnType<typeof createTransport>;

export function createTransport(options: TransportOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  const url = (path: string, query?: Query): string => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (typeof value === 'string' ? value !== '' : typeof value === 'number' || typeof value === 'boolean') params.set(key, String(value));
    }
    const search = params.toString();
    return `${base}${path}${search ? `?${search}` : ''}`;
  };

  const headers = (auth: boolean, extra: Record<string, string>): Record<string, string> => {
    const out: Record<string, string> = { accept: 'application/json', ...extra };
    const token = auth ? options.getToken?.() : undefined;
    if (token) out.authorization = `Bearer ${token}`;
    // A cross-site form cannot send a custom header; the engine refuses cookie-signed writes without it.
    if (options.sessionCookie) out['x-weft-csrf'] = '1';
    return out;
  };
  // The bearer header is the only credential of an embedded widget: never send or store cookies there.
  const credentials: 'omit' | 'same-origin' = options.sessionCookie ? 'same-origin' : 'omit';

  const fail = (response: Response, path: string): Promise<ApiError> => errorFrom(response, path, options.readError);

  /** Sends one request; `init` overrides what `spec` would send (a tarball body and its content type). */
  async function send(spec: Omit<RequestSpec<unknown>, 'schema'>, init?: { body: NonNullable<RequestInit['body']>; contentType: string }): Promise<Response> {
    const hasBody = spec.body !== undefined;
    const contentType = init?.contentType ?? (hasBody ? 'application/json' : undefined);
    try {
      return await doFetch(url(spec.path, spec.query), {
        method: spec.method,
        headers: headers(spec.auth !== false, contentType ? { 'content-type': contentType } : {}),
        body: init?.body ?? (hasBody ? JSON.stringify(spec.body) : null),
        credentials,
      });
    } catch (cause) {
      throw new ApiError({ status: 0, code: 'network.failed', message: `Cannot reach ${base || 'the engine'}`, cause });
    }
  }

  /** Reads a 2xx answer with `schema`; any other status becomes the server's `ApiError`. */
  async function answer<T>(response: Response, path: string, schema: z.ZodType<T> | undefined): Promise<T> {
    if (!response.ok) throw await fail(response, path);
    if (!schema || response.status === 204) return undefined as T;
    const json: unknown = await response.json().catch((cause: unknown) => {
      throw new ApiError({ status: response.status, code: 'response.invalid', message: 'The answer is not JSON', cause });
    });
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiError({ status: response.status, code: 'response.invalid', message: `Unexpected answer from ${path}`, details: parsed.error.issues, cause: parsed.error });
    }
    return parsed.data;
  }

  async function request<T>(spec: RequestSpec<T>): Promise<T> {
    return answer(await send(spec), spec.path, spec.schema);
  }

  return { base, doFetch, url, headers, credentials, send, answer, request, fail };
}

export async function errorFrom(response: Response, path: string, readError?: TransportOptions['readError']): Promise<ApiError> {
  const json: unknown = await response.json().catch(() => undefined);
  const own = readError?.(response.status, json);
  if (own) return own;
  const conflict = response.status === 409 ? ConflictBody.safeParse(json) : undefined;
  if (conflict?.success) {
    const { error, current } = conflict.data;
    return new ApiError({ status: 409, code: error.code, message: error.message, path: error.path, details: error.details, current });
  }
  const body = ApiErrorBody.safeParse(json);
  if (body.success) {
    const { error } = body.data;
    return new ApiError({ status: response.status, code: error.code, message: error.message, path: error.path, details: error.details });
  }
  return new ApiError({ status: response.status, code: `http.${response.status}`, message: `${response.status} ${response.statusText || 'error'} on ${path}` });
}
