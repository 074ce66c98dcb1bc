/** @module Request: calls an HTTP API and sends its answer on; refuses private addresses unless allowed. */
import { defineComponent, WeftError, type ComponentDefinition, type PortMapping, type PropertyProblem } from '@weft/connector-kit';
import type { Response } from 'undici';
import { isSecretHeader } from '../../engine/redact.ts';
import { applyAccount } from './apply-account.ts';
import { AddressRefusedError, blockedReason, checkUrl, systemLookup, type AddressPolicy, type LookupAll } from './address-guard.ts';
import { lazyUndici } from './guarded-agent.ts';

export interface RequestOptions {
  /** Let requests reach loopback, private and link-local addresses (`WEFT_HTTP_ALLOW_PRIVATE=true`). */
  allowPrivateNetwork: boolean;
  lookup?: LookupAll;
  /** Which addresses are refused; default `blockedReason` (tests widen it to reach their own servers). */
  addressPolicy?: AddressPolicy;
  /** Timeout when the flow sets none (`WEFT_HTTP_TIMEOUT_MS`). */
  timeoutMs?: number;
  /** Largest timeout a flow may set (`WEFT_HTTP_MAX_TIMEOUT_MS`): refused on save when literal, lowered at run time. */
  maxTimeoutMs?: number;
  /** Largest answer body read (`WEFT_HTTP_MAX_RESPONSE_BYTES`). */
  maxResponseBytes?: number;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
const MAX_REDIRECTS = 5;
export const HTTP_DEFAULTS = { timeoutMs: 30_000, maxTimeoutMs: 120_000, maxResponseBytes: 10 * 1024 * 1024 } as const;
/** Headers that carry the caller's credentials; never sent on to another origin by a redirect. */
const ALWAYS_PRIVATE_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Account types the Request can apply itself. */
const GENERIC_ACCOUNT_TYPES = new Set(['bearer', 'apiKey', 'basic', 'oauth2']);

export function createRequest(options: RequestOptions): ComponentDefinition {
  const lookup = options.lookup ?? systemLookup;
  const policy = options.addressPolicy ?? blockedReason;
  const defaultTimeoutMs = options.timeoutMs ?? HTTP_DEFAULTS.timeoutMs;
  const maxTimeoutMs = options.maxTimeoutMs ?? HTTP_DEFAULTS.maxTimeoutMs;
  const maxResponseBytes = options.maxResponseBytes ?? HTTP_DEFAULTS.maxResponseBytes;
  // Connect to exactly the addresses the guard checked: the socket's own lookup resolves and checks,
  // so no second resolution (DNS rebinding) can slip a private address in after checkUrl.
  const undici = lazyUndici(options.allowPrivateNetwork, lookup, policy);

  return defineComponent(
    {
      name: 'weft.utils.http.Request',
      label: 'HTTP request',
      category: 'http',
      icon: 'globe',
      description: 'Calls a URL and sends the status, headers and body of the answer. A 4xx answer stops the run; a 5xx, a network error or a timeout is retried.',
      properties: {
        schema: { type: 'object', properties: { account: { type: 'string', description: 'Id of a connected account (Bearer, API key or Basic) whose credentials the request carries.' } } },
        inspector: {
          inputs: {
            account: {
              type: 'select', label: 'Account', index: 0, source: { name: 'accounts' }, variables: false,
              tooltip: 'Credentials sent with the request (a header, a query parameter or Basic), kept encrypted and never shown in the logs.',
            },
          },
        },
      },
      inPorts: [
        {
          name: 'in',
          schema: {
            type: 'object',
            properties: {
              method: { type: 'string', enum: [...METHODS] },
              url: { type: 'string' },
              headers: { type: 'object' },
              body: { type: 'any' },
              timeoutMs: { type: 'number' },
            },
            required: ['url'],
          },
          inspector: {
            inputs: {
              method: { type: 'select', label: 'Method', index: 1, defaultValue: 'GET', options: METHODS.map((m) => ({ label: m, value: m })) },
              url: { type: 'text', label: 'URL', index: 2, placeholder: 'https://api.example.com/items' },
              headers: { type: 'key-value', label: 'Headers', index: 3 },
              body: {
                type: 'textarea', label: 'Body', index: 4, tooltip: 'An object or array is sent as JSON; text is sent as it is.',
                when: { in: { method: ['POST', 'PUT', 'PATCH', 'DELETE'] } },
              },
              timeoutMs: { type: 'number', label: 'Timeout (ms)', index: 5, defaultValue: defaultTimeoutMs, tooltip: `At most ${maxTimeoutMs} ms.` },
            },
          },
        },
      ],
      outPorts: [
        {
          name: 'out',
          schema: {
            type: 'object',
            properties: {
              status: { type: 'number', example: 200 },
              headers: { type: 'object', additionalProperties: { type: 'string' }, example: { 'content-type': 'application/json' } },
              body: { type: 'any', description: 'Parsed JSON when the content type is JSON, otherwise text.' },
            },
          },
        },
      ],
    },
    {
      validate(_properties, mappings) {
        return mappings.flatMap((mapping) => timeoutProblems(mapping, maxTimeoutMs));
      },

      async options(name, context) {
        if (name !== 'accounts' || !context.listAccounts) return [];
        const accounts = (await context.listAccounts()).filter((account) => account.connector === undefined && GENERIC_ACCOUNT_TYPES.has(account.type));
        return [{ label: 'None', value: '' }, ...accounts.map((account) => ({ label: `${account.name} (${account.type}${account.status === 'valid' ? '' : `, ${account.status}`})`, value: account.id }))];
      },

      async receive(context) {
        const content = context.messages.in?.content ?? {};
        const method = (typeof content.method === 'string' && content.method !== '' ? content.method : 'GET').toUpperCase();
        if (!(METHODS as readonly string[]).includes(method)) throw new context.CancelError(`Method must be one of ${METHODS.join(', ')}, got ${JSON.stringify(content.method)}.`);
        if (typeof content.url !== 'string' || content.url.trim() === '') throw new context.CancelError('The URL is missing: map a URL into the "url" field.');
        const asked = content.timeoutMs === undefined || content.timeoutMs === '' || content.timeoutMs === null ? defaultTimeoutMs : Number(content.timeoutMs);
        if (!Number.isFinite(asked) || asked <= 0) throw new context.CancelError(`Timeout must be a positive number of milliseconds, got ${JSON.stringify(content.timeoutMs)}.`);
        // A timeout built from variables is only known now: lower it to the engine's maximum.
        const timeoutMs = Math.min(asked, maxTimeoutMs);

        const { undici: { fetch, Headers }, dispatcher } = await undici();
        const headers = new Headers();
        if (content.headers !== null && typeof content.headers === 'object') {
          for (const [name, value] of Object.entries(content.headers)) {
            const text = String(value);
            // A CR or LF would let a mapped value add headers of its own (header injection).
            if (!HEADER_NAME.test(name) || /[\r\n\0]/.test(text)) {
              throw new WeftError('http.header_invalid', `The header ${JSON.stringify(name)} has a name or value an HTTP header may not have (a line break or a control character); nothing was sent.`, { status: 422, retry: 'never', path: `headers.${name}` });
            }
            headers.set(name, text);
          }
        }
        let body: string | undefined;
        if (content.body !== undefined && content.body !== null && content.body !== '' && method !== 'GET' && method !== 'HEAD') {
          if (typeof content.body === 'string') body = content.body;
          else {
            body = JSON.stringify(content.body);
            if (!headers.has('content-type')) headers.set('content-type', 'application/json');
          }
        }

        // The account's credentials go on last, so a mapped header cannot replace them.
        let url = content.url.trim();
        const accountHeaders = new Set<string>();
        if (context.auth) {
          let target: URL;
          try {
            target = new URL(url);
          } catch {
            throw new context.CancelError(`The URL ${JSON.stringify(url)} is not a valid absolute URL.`);
          }
          const before = new Set(headers.keys());
          applyAccount(context.auth, target, headers);
          for (const header of headers.keys()) if (!before.has(header) || header === 'authorization') accountHeaders.add(header);
          if (context.auth.type === 'apiKey' && context.auth.fields.in !== 'query') accountHeaders.add((context.auth.fields.name ?? '').toLowerCase());
          url = target.toString();
        }

        const signal = AbortSignal.timeout(timeoutMs);
        const timedOut = (what: string, error: unknown) => new Error(`${what} timed out after ${timeoutMs} ms${asked > timeoutMs ? ` (the engine's maximum; the flow asked for ${asked} ms)` : ''}.`, { cause: error });
        let currentMethod = method;
        let currentBody = body;
        for (let redirects = 0; ; redirects++) {
          if (!options.allowPrivateNetwork) {
            // Checked again on every redirect: a public URL may redirect to an internal one.
            const checked = await checkUrl(url, lookup, policy);
            if (!checked.ok) throw new context.CancelError(checked.message);
          }
          let response: Response;
          try {
            response = await fetch(url, {
              method: currentMethod, headers, redirect: 'manual', signal, dispatcher,
              ...(currentBody === undefined ? {} : { body: currentBody }),
            });
          } catch (error) {
            if (signal.aborted) throw timedOut(`${currentMethod} ${url}`, error);
            const refused = refusedBy(error);
            if (refused) throw new context.CancelError(refused.message);
            const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
            throw new Error(`${currentMethod} ${url} failed${cause}.`, { cause: error });
          }
          const location = response.headers.get('location');
          if (response.status >= 300 && response.status < 400 && location !== null) {
            await response.body?.cancel();
            if (redirects >= MAX_REDIRECTS) throw new context.CancelError(`${method} ${content.url} redirected more than ${MAX_REDIRECTS} times.`);
            const next = new URL(location, url);
            // Another origin gets none of the credentials meant for this one.
            if (next.origin !== new URL(url).origin) {
              for (const name of [...headers.keys()]) {
                if (ALWAYS_PRIVATE_HEADERS.has(name) || isSecretHeader(name) || accountHeaders.has(name)) headers.delete(name);
              }
            }
            url = next.toString();
            if (response.status === 303 || ((response.status === 301 || response.status === 302) && currentMethod === 'POST')) {
              currentMethod = 'GET';
              currentBody = undefined;
              headers.delete('content-type');
            }
            continue;
          }
          let result: { body: unknown; tooLarge: boolean };
          try {
            result = await readResponse(response, maxResponseBytes);
          } catch (error) {
            if (signal.aborted) throw timedOut(`Reading the answer of ${currentMethod} ${url}`, error);
            throw error;
          }
          if (result.tooLarge) {
            throw new WeftError('http.response_too_large', `${currentMethod} ${url} answered more than ${maxResponseBytes} bytes, the most the engine reads (WEFT_HTTP_MAX_RESPONSE_BYTES).`, { status: 422, retry: 'never' });
          }
          if (response.status >= 400) {
            const summary = `${currentMethod} ${url} answered ${response.status} ${response.statusText}: ${snippet(result.body)}`;
            // Timeouts and rate limits are worth another attempt; other 4xx answers will not change.
            if (response.status === 429 || response.status === 408) {
              const retryAfter = Number(response.headers.get('retry-after'));
              throw new context.RetryError(summary, Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {});
            }
            // An OAuth token the API no longer takes (revoked, expired early): the engine renews it and this call runs again.
            if (response.status === 401 && context.auth?.type === 'oauth2') {
              throw new context.RetryError(`${summary} (the access token is renewed and the call tried again)`, { retryAfterMs: 10, details: { accountRejected: true } });
            }
            if (response.status < 500) throw new context.CancelError(summary, { details: { status: response.status, body: result.body } });
            throw new Error(summary);
          }
          await context.sendJson({ status: response.status, headers: Object.fromEntries(response.headers), body: result.body }, 'out');
          return;
        }
      },
    },
  );
}

/** A literal timeout above the engine's maximum is refused when the flow is saved. */
function timeoutProblems(mapping: PortMapping, maxTimeoutMs: number): PropertyProblem[] {
  if (mapping.port !== 'in' || !Object.hasOwn(mapping.lambda, 'timeoutMs')) return [];
  const value = mapping.lambda.timeoutMs;
  if (typeof value === 'string' && value.includes('{{')) return [];
  const ms = Number(value);
  if (value === null || value === '' || !Number.isFinite(ms) || ms <= maxTimeoutMs) return [];
  return [{
    code: 'http.timeout_too_long', property: 'timeoutMs', path: `${mapping.path}.timeoutMs`, refusesSave: true,
    message: `A request may wait at most ${maxTimeoutMs} ms on this engine (WEFT_HTTP_MAX_TIMEOUT_MS); the timeout is ${ms} ms.`,
  }];
}

/** The guard's refusal at connect time, if that is why the call failed. */
function refusedBy(error: unknown): AddressRefusedError | undefined {
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    if (cause instanceof AddressRefusedError) return cause;
  }
  return undefined;
}

/** The body, read up to `limit` bytes: a server that sends more (or says it will) is cut off. */
async function readResponse(response: Response, limit: number): Promise<{ body: unknown; tooLarge: boolean }> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel();
    return { body: null, tooLarge: true };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    const reader = response.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        return { body: null, tooLarge: true };
      }
      chunks.push(value);
    }
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  const type = response.headers.get('content-type') ?? '';
  if (/[/+]json\b/i.test(type) && text !== '') {
    try {
      return { body: JSON.parse(text) as unknown, tooLarge: false };
    } catch {
      // A server that says JSON and sends something else: keep the text.
    }
  }
  return { body: text, tooLarge: false };
}

function snippet(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
