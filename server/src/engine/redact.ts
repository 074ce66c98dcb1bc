/**
 * @module Redact: hides credentials in what Weft writes for people to read (log records, errors,
 * unprocessed messages as the API shows them). Stored messages keep the real values so a retry works.
 */

export const REDACTED = '[redacted]';

/** Beyond this depth a value is replaced whole: deeper secrets cannot be checked, so they are not shown. */
const MAX_DEPTH = 100;
const TOO_DEEP = '[too deep to show]';

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Header names are short and few: any hint of a credential hides the value. */
const SECRET_HEADER = /token|key|secret|auth|session|passw|cookie|credential|signature/;

/**
 * Field names need more care (`author`, `keyboard`, `tokenCount` are not secrets): a field is
 * secret when its name is, or ends with, a credential word (`password`, `clientSecret`,
 * `refresh_token`, `x-api-key`, `privateKey`, …).
 */
const SECRET_FIELD_SUFFIXES = [
  'password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'privatekey', 'accesskey', 'secretkey', 'signingkey',
  'credential', 'credentials', 'sessionid', 'cookie', 'authorization',
];
const SECRET_FIELDS = new Set(['auth', 'pwd', 'pass', 'session', 'setcookie', 'cookies']);

const decisions = new Map<string, boolean>();

function remember(key: string, decide: () => boolean): boolean {
  const known = decisions.get(key);
  if (known !== undefined) return known;
  const decided = decide();
  // Names come from user data: keep the cache from growing without bound.
  if (decisions.size > 5000) decisions.clear();
  decisions.set(key, decided);
  return decided;
}

/** Whether an HTTP header of this name carries a credential (`Authorization`, `Cookie`, `X-Api-Key`, `X-Auth-Token`, …). */
export function isSecretHeader(name: string): boolean {
  return remember(`h:${name}`, () => SECRET_HEADER.test(normalise(name)));
}

/** Whether an object field of this name holds a credential (`password`, `apiKey`, `client_secret`, …). */
export function isSecretField(name: string): boolean {
  return remember(`f:${name}`, () => {
    const key = normalise(name);
    return SECRET_FIELDS.has(key) || SECRET_FIELD_SUFFIXES.some((suffix) => key.endsWith(suffix));
  });
}

const SECRET_WORD = String.raw`[A-Za-z0-9_.-]*(?:password|passwd|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|session[-_]?id|auth)`;
const TEXT_RULES: [RegExp, string][] = [
  // Authorization: Bearer abc / Basic dXNlcjpwYXNz
  [/\b(Bearer)\s+[A-Za-z0-9._~+/=-]{4,}/gi, `$1 ${REDACTED}`],
  [/\b(Basic|basic|BASIC)\s+(?=[A-Za-z0-9+/]+?[A-Z0-9+/=])[A-Za-z0-9+/]{8,}={0,2}/g, `$1 ${REDACTED}`],
  // https://user:pass@host
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]*):[^\s/@]+@/gi, `$1:${REDACTED}@`],
  // ?api_key=abc&token=def, password=hunter2
  [new RegExp(String.raw`\b(${SECRET_WORD})=[^&\s"'#,;]+`, 'gi'), `$1=${REDACTED}`],
  // "password": "hunter2" inside JSON text
  [new RegExp(String.raw`("${SECRET_WORD}"\s*:\s*)"(?:[^"\\]|\\.)*"`, 'gi'), `$1"${REDACTED}"`],
];
const SUSPECT = /bearer|basic|@|=|"/i;

/** Hide credentials written inside free text: bearer tokens, URL passwords, `secret=…` pairs, JSON secret fields. */
export function redactText(text: string): string {
  if (!SUSPECT.test(text)) return text;
  let result = text;
  for (const [pattern, replacement] of TEXT_RULES) result = result.replace(pattern, replacement);
  return result;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * A copy of `value` with credentials replaced by "[redacted]": values of secret-named fields,
 * of secret-named headers (entries of any `headers` object), and credentials inside strings.
 * Parts with nothing to hide are shared, not copied; `value` itself is never changed.
 */
export function redact<T>(value: T): T {
  return walk(value, false, 0) as T;
}

function walk(value: unknown, isHeaders: boolean, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) {
    const items = value as unknown[];
    let copy: unknown[] | undefined;
    items.forEach((item, i) => {
      const next = walk(item, false, depth + 1);
      if (next !== item) (copy ??= [...items])[i] = next;
    });
    return copy ?? items;
  }
  if (!isPlainObject(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = value[key];
    const kind = isHeaders ? (isSecretHeader(key) ? SECRET : PLAIN) : fieldKind(key);
    let next: unknown;
    if (kind === SECRET) next = item === null || item === undefined || item === '' ? item : REDACTED;
    else if (typeof item !== 'object' && typeof item !== 'string') continue;
    else next = walk(item, kind === HEADERS, depth + 1);
    if (next !== item) (copy ??= { ...value })[key] = next;
  }
  return copy ?? value;
}

const PLAIN = 0;
const SECRET = 1;
const HEADERS = 2;
/** Field name → PLAIN, SECRET or HEADERS (an object of headers), decided once per name: the walk meets the same few names in every record. */
const fieldKinds = new Map<string, number>();

function fieldKind(name: string): number {
  const known = fieldKinds.get(name);
  if (known !== undefined) return known;
  const kind = isSecretField(name) ? SECRET : normalise(name) === 'headers' ? HEADERS : PLAIN;
  // Names come from user data: keep the cache from growing without bound.
  if (fieldKinds.size > 5000) fieldKinds.clear();
  fieldKinds.set(name, kind);
  return kind;
}

/**
 * `edited` with every "[redacted]" put back to the value `original` holds at the same place: a
 * person who edits a redacted unprocessed message and retries it sends the real credentials again.
 */
export function restoreRedacted<T>(edited: T, original: unknown, depth = 0): T {
  if (edited === REDACTED) return (original === undefined ? edited : original) as T;
  if (depth >= MAX_DEPTH || edited === null || typeof edited !== 'object' || original === null || typeof original !== 'object') return edited;
  if (Array.isArray(edited)) {
    const before = original as unknown[];
    return (Array.isArray(original) ? (edited as unknown[]).map((item, i) => restoreRedacted(item, before[i], depth + 1)) : edited) as T;
  }
  if (!isPlainObject(edited) || Array.isArray(original)) return edited;
  const source = original as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(edited).map(([key, item]) => [key, Object.hasOwn(source, key) ? restoreRedacted(item, source[key], depth + 1) : item]),
  ) as T;
}

/**
 * A copy of `value` with every occurrence of the given secret values (an account's, known while a
 * component runs with it) replaced by "[redacted]", wherever they appear in strings. Parts without
 * them are shared, not copied.
 */
export function scrubSecrets<T>(value: T, secrets: readonly string[], depth = 0): T {
  if (secrets.length === 0) return value;
  if (typeof value === 'string') {
    let text: string = value;
    for (const secret of secrets) if (text.includes(secret)) text = text.split(secret).join(REDACTED);
    return text as T;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return TOO_DEEP as T;
  if (Array.isArray(value)) {
    const items = value as unknown[];
    let copy: unknown[] | undefined;
    items.forEach((item, i) => {
      const next = scrubSecrets(item, secrets, depth + 1);
      if (next !== item) (copy ??= [...items])[i] = next;
    });
    return (copy ?? items) as T;
  }
  if (!isPlainObject(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const next = scrubSecrets(item, secrets, depth + 1);
    const cleanKey = scrubSecrets(key, secrets, depth + 1);
    if (next !== item || cleanKey !== key) {
      copy ??= { ...value };
      if (cleanKey !== key) delete copy[key];
      copy[cleanKey] = next;
    }
  }
  return (copy ?? value) as T;
}
