/** @module Request: calls an HTTP API and sends its answer on; refuses private addresses unless allowed. */
import { defineComponent, type ComponentDefinition } from '@weft/connector-kit';
import { checkUrl, systemLookup, type LookupAll } from './address-guard.ts';

export interface RequestOptions {
  /** Let requests reach loopback, private and link-local addresses (`WEFT_HTTP_ALLOW_PRIVATE=true`). */
  allowPrivateNetwork: boolean;
  lookup?: LookupAll;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
const MAX_REDIRECTS = 5;
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;

export function createRequest(options: RequestOptions): ComponentDefinition {
  const lookup = options.lookup ?? systemLookup;
  return defineComponent(
    {
      name: 'weft.utils.http.Request',
      label: 'HTTP request',
      category: 'http',
      icon: 'globe',
      description: 'Calls a URL and sends the status, headers and body of the answer. A 4xx answer stops the run; a 5xx, a network error or a timeout is retried.',
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
              timeoutMs: { type: 'number', label: 'Timeout (ms)', index: 5, defaultValue: DEFAULT_TIMEOUT_MS },
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
      async receive(context) {
        const content = context.messages.in?.content ?? {};
        const method = (typeof content.method === 'string' && content.method !== '' ? content.method : 'GET').toUpperCase();
        if (!(METHODS as readonly string[]).includes(method)) throw new context.CancelError(`Method must be one of ${METHODS.join(', ')}, got ${JSON.stringify(content.method)}.`);
        if (typeof content.url !== 'string' || content.url.trim() === '') throw new context.CancelError('The URL is missing: map a URL into the "url" field.');
        const timeoutMs = content.timeoutMs === undefined || content.timeoutMs === '' ? DEFAULT_TIMEOUT_MS : Number(content.timeoutMs);
        if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new context.CancelError(`Timeout must be a positive number of milliseconds, got ${JSON.stringify(content.timeoutMs)}.`);

        const headers = new Headers();
        if (content.headers !== null && typeof content.headers === 'object') {
          for (const [name, value] of Object.entries(content.headers)) headers.set(name, String(value));
        }
        let body: string | undefined;
        if (content.body !== undefined && content.body !== null && content.body !== '' && method !== 'GET' && method !== 'HEAD') {
          if (typeof content.body === 'string') body = content.body;
          else {
            body = JSON.stringify(content.body);
            if (!headers.has('content-type')) headers.set('content-type', 'application/json');
          }
        }

        const signal = AbortSignal.timeout(timeoutMs);
        let url = content.url.trim();
        let currentMethod = method;
        let currentBody = body;
        for (let redirects = 0; ; redirects++) {
          if (!options.allowPrivateNetwork) {
            // Checked again on every redirect: a public URL may redirect to an internal one.
            const checked = await checkUrl(url, lookup);
            if (!checked.ok) throw new context.CancelError(checked.message);
          }
          let response: globalThis.Response;
          try {
            response = await fetch(url, {
              method: currentMethod, headers, redirect: 'manual', signal,
              ...(currentBody === undefined ? {} : { body: currentBody }),
            });
          } catch (error) {
            if (signal.aborted) throw new Error(`${currentMethod} ${url} timed out after ${timeoutMs} ms.`, { cause: error });
            const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
            throw new Error(`${currentMethod} ${url} failed${cause}.`, { cause: error });
          }
          const location = response.headers.get('location');
          if (response.status >= 300 && response.status < 400 && location !== null) {
            await response.body?.cancel();
            if (redirects >= MAX_REDIRECTS) throw new context.CancelError(`${method} ${content.url} redirected more than ${MAX_REDIRECTS} times.`);
            url = new URL(location, url).toString();
            if (response.status === 303 || ((response.status === 301 || response.status === 302) && currentMethod === 'POST')) {
              currentMethod = 'GET';
              currentBody = undefined;
              headers.delete('content-type');
            }
            continue;
          }
          const result = await readResponse(response);
          if (result.tooLarge) throw new context.CancelError(`${currentMethod} ${url} answered more than ${MAX_BODY_BYTES} bytes.`);
          if (response.status >= 400) {
            const summary = `${currentMethod} ${url} answered ${response.status} ${response.statusText}: ${snippet(result.body)}`;
            // Timeouts and rate limits are worth another attempt; other 4xx answers will not change.
            if (response.status === 429 || response.status === 408) {
              const retryAfter = Number(response.headers.get('retry-after'));
              throw new context.RetryError(summary, Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {});
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

async function readResponse(response: globalThis.Response): Promise<{ body: unknown; tooLarge: boolean }> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    await response.body?.cancel();
    return { body: null, tooLarge: true };
  }
  const text = await response.text();
  if (text.length > MAX_BODY_BYTES) return { body: null, tooLarge: true };
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
