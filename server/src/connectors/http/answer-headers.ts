/**
 * @module Answer headers: which headers a flow may put on its webhook answer. A webhook answer is
 * served from the installation's origin, so it may not set cookies, loosen CORS or the page
 * protections, or speak for the connection; nor smuggle a second header through a line break.
 */

/** Headers a flow may never set, lower case; every `access-control-*` and `proxy-*` header too. */
const FORBIDDEN = new Set([
  'set-cookie', 'set-cookie2',
  'content-security-policy', 'content-security-policy-report-only', 'x-content-type-options',
  'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te', 'trailer',
]);
const FORBIDDEN_PREFIXES = ['access-control-', 'proxy-'];

/** RFC 9110 token: what a header name may be made of. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export interface HeaderRefusal {
  /** `response.header_forbidden` (Weft owns that header) or `response.header_invalid` (malformed). */
  code: 'response.header_forbidden' | 'response.header_invalid';
  reason: string;
}

/** Why a header called `name` may not be set on a webhook answer, or undefined when it may. */
export function refusedHeaderName(name: string): HeaderRefusal | undefined {
  if (!TOKEN.test(name)) return { code: 'response.header_invalid', reason: `"${name}" is not a valid header name` };
  const lower = name.toLowerCase();
  if (FORBIDDEN.has(lower) || FORBIDDEN_PREFIXES.some((prefix) => lower.startsWith(prefix))) {
    return { code: 'response.header_forbidden', reason: `a webhook answer may not set "${name}": Weft sets cookie, CORS, content-security and connection headers itself` };
  }
  return undefined;
}

/** Why `value` may not be the value of `name` (a line break would start a new header), or undefined. */
export function refusedHeaderValue(name: string, value: string): HeaderRefusal | undefined {
  return /[\r\n\0]/.test(value) ? { code: 'response.header_invalid', reason: `the value of the header "${name}" contains a line break` } : undefined;
}

/** The headers that may go out; each refused one is reported to `onRefused` and left out. */
export function allowedAnswerHeaders(headers: Record<string, string>, onRefused: (name: string, refusal: HeaderRefusal) => void = () => undefined): Record<string, string> {
  const allowed: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const refusal = refusedHeaderName(name) ?? refusedHeaderValue(name, value);
    if (refusal === undefined) allowed[name] = value;
    else onRefused(name, refusal);
  }
  return allowed;
}

/**
 * Sent with every webhook answer, over whatever the flow set: the answer is a sandboxed document
 * (opaque origin, no script) that the browser may not sniff into something else, and it tells
 * nobody where the caller came from.
 */
export const WEBHOOK_ANSWER_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': 'sandbox',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};
