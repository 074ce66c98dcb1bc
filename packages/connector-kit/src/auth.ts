/**
 * @module Connector auth: the hooks a connector may export to test an account's credentials and
 * read the remote profile, the check of account fields against the `weft.auth.fields` declaration,
 * and the one-line account picker of a component.
 *
 *   // components module of a connector
 *   export const auth = defineAuth({ async test(auth) { await connect(auth.fields.connectionString); } });
 *   // a component's behaviour
 *   options: (name, context) => name === 'accounts' ? accountOptions(context, 'weft.postgres') : Promise.resolve([]),
 */
import type { AccountAuth, JsonValue } from './context.ts';
import type { ConnectorAuth } from './package.ts';

/**
 * Optional hooks of a connector's accounts, exported by its components module as `auth`.
 * Both get every field of the account decrypted; both run on the engine's side, never in a browser.
 */
export interface ConnectorAuthHooks {
  /**
   * Check the credentials (connect, ping, one cheap request). Throw to refuse them: the error's
   * message is shown to the person connecting, so say what is wrong without echoing a secret.
   * May resolve to the remote profile, which then replaces `profile`'s.
   */
  test?(auth: AccountAuth): Promise<void | { profile?: Record<string, JsonValue> }>;
  /** Non-secret facts about the remote user or server (name, e-mail, version), shown with the account. */
  profile?(auth: AccountAuth): Promise<Record<string, JsonValue>>;
}

/** Types the hooks of `export const auth = defineAuth({ … })`. */
export function defineAuth(hooks: ConnectorAuthHooks): ConnectorAuthHooks {
  return hooks;
}

/** Whether a module's `auth` export is usable as hooks (absent is fine; a wrong shape is a problem). */
export function authHooksProblem(exported: unknown): string | undefined {
  if (exported === undefined) return undefined;
  if (typeof exported !== 'object' || exported === null) return 'the "auth" export must be the result of defineAuth({ test, profile })';
  for (const hook of ['test', 'profile'] as const) {
    const value = (exported as Record<string, unknown>)[hook];
    if (value !== undefined && typeof value !== 'function') return `auth.${hook} must be a function`;
  }
  return undefined;
}

/** One field of an account that does not fit the connector's declaration. */
export interface AuthFieldProblem {
  field: string;
  message: string;
}

/**
 * The account's fields checked against the connector's declared `fields`, split into the
 * `password` ones (secret: stored sealed) and the others (plain). Values are kept as text, as
 * `context.auth.fields` gives them: a number as its decimal text, a toggle as `true`/`false`.
 * `previous` (a change of an account): fields not given keep those values.
 */
export function checkAuthFields(
  auth: ConnectorAuth,
  given: Readonly<Record<string, unknown>>,
  previous: Readonly<Record<string, string>> = {},
): { ok: true; plain: Record<string, string>; secret: Record<string, string> } | { ok: false; problems: AuthFieldProblem[] } {
  const declared = auth.fields ?? {};
  const problems: AuthFieldProblem[] = [];
  const plain: Record<string, string> = {};
  const secret: Record<string, string> = {};
  for (const name of Object.keys(given)) {
    if (!(name in declared)) problems.push({ field: name, message: `"${name}" is not a field of this connector's accounts (it asks for ${Object.keys(declared).map((n) => `"${n}"`).join(', ') || 'none'})` });
  }
  for (const [name, field] of Object.entries(declared)) {
    const raw = given[name] ?? previous[name];
    if (raw === undefined || raw === null || raw === '') {
      if (field.required === true) problems.push({ field: name, message: `${field.label} is required` });
      continue;
    }
    const text = fieldText(field.type, raw);
    if (text === undefined) {
      problems.push({ field: name, message: `${field.label} must be ${EXPECTED[field.type]}` });
      continue;
    }
    if (text.length > 8192) {
      problems.push({ field: name, message: `${field.label} is longer than 8192 characters` });
      continue;
    }
    (field.type === 'password' ? secret : plain)[name] = text;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, plain, secret };
}

const EXPECTED = { text: 'text', password: 'text', number: 'a number', toggle: 'true or false' } as const;

function fieldText(type: keyof typeof EXPECTED, value: unknown): string | undefined {
  switch (type) {
    case 'text':
    case 'password':
      return typeof value === 'string' ? value : undefined;
    case 'number': {
      const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
      return Number.isFinite(number) ? String(number) : undefined;
    }
    case 'toggle':
      if (typeof value === 'boolean') return String(value);
      return value === 'true' || value === 'false' ? value : undefined;
  }
}

