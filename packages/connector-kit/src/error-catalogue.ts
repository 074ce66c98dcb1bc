/**
 * @module Error catalogue: every error code Weft itself raises, with its HTTP status, its retry
 * advice and a sentence for people. The one place these are decided: `new WeftError(code, …)`
 * takes its status and retry advice from here, the API answers with this status, and
 * `GET /errors` lists the catalogue.
 *
 *   throw weftError('flow.not_found', `No flow "${id}" here.`);   // 404, retry: 'never'
 *
 * Adding a code is one line below. Connectors may raise codes of their own (not listed here): they
 * keep the status and retry advice they pass, or 500 and 'retry'.
 */
import type { RetryAdvice } from './errors.ts';

export interface ErrorSpec {
  /** The HTTP status of an API answer carrying this code. */
  readonly status: number;
  /** Whether the same thing, done again unchanged, may succeed; the engine retries a delivery only on 'retry'. */
  readonly retry: RetryAdvice;
  /** What happened, for people; the error's own message adds the particulars. */
  readonly sentence: string;
}

export const ERROR_CATALOGUE = {
  // Requests
  'request.invalid': { status: 400, retry: 'never', sentence: 'A field of the request is missing or has the wrong form.' },
  'request.malformed_json': { status: 400, retry: 'never', sentence: 'The request body is not valid JSON.' },
  'request.too_large': { status: 413, retry: 'never', sentence: 'The request body is larger than this installation accepts.' },
  'request.too_deep': { status: 400, retry: 'never', sentence: 'The request body nests arrays and objects deeper than this installation accepts.' },
  'flow.too_large': { status: 422, retry: 'never', sentence: 'The flow has more components or connections than this installation allows.' },
  'flow.descriptor_too_large': { status: 413, retry: 'never', sentence: 'The flow descriptor is larger than this installation allows.' },
  'route.not_found': { status: 404, retry: 'never', sentence: 'There is no such route in the API.' },
  'internal.error': { status: 500, retry: 'retry', sentence: 'Something went wrong on our side; nothing was changed.' },
  'internal.unexpected': { status: 500, retry: 'never', sentence: 'Weft met a case its code does not handle; this is a bug.' },

  // Accounts and tokens
  'auth.required': { status: 401, retry: 'never', sentence: 'Sign in first: the request carries no token.' },
  'auth.invalid_token': { status: 401, retry: 'never', sentence: 'The token is unknown, expired or revoked; sign in again.' },
  'auth.invalid_credentials': { status: 401, retry: 'never', sentence: 'The email or the password is wrong.' },
  'auth.disabled': { status: 403, retry: 'never', sentence: 'This account is disabled.' },
  'auth.forbidden': { status: 403, retry: 'never', sentence: 'Your role does not allow this.' },
  'auth.staff_only_filter': { status: 403, retry: 'never', sentence: 'Only support staff and operators may filter by another tenant or user.' },
  'user.exists': { status: 409, retry: 'never', sentence: 'An account with this email already exists.' },
  'user.not_found': { status: 404, retry: 'never', sentence: 'The user does not exist.' },
  'user.disabled': { status: 410, retry: 'never', sentence: 'The account that owns this is disabled; its flows are stopped.' },
  'auth.csrf': { status: 403, retry: 'never', sentence: 'A cookie-signed change must come from this installation\'s own pages with the X-Weft-CSRF header.' },
  'auth.signup_closed': { status: 403, retry: 'never', sentence: 'Sign-up is closed on this installation; ask an operator for an account.' },
  'auth.invalid_link': { status: 400, retry: 'never', sentence: 'The link is unknown, used or expired; ask an operator for a new one.' },
  'auth.rate_limited': { status: 429, retry: 'retry', sentence: 'Too many failed sign-ins; wait before trying again.' },
  'auth.weak_password': { status: 400, retry: 'never', sentence: 'The password is too short or too common; choose at least 10 characters that are not a common password.' },

  // Tenants, roles, host keys and token exchange
  'tenant.read_only': { status: 403, retry: 'never', sentence: 'Your role in this tenant (viewer) may read but not change flows.' },
  'tenant.not_found': { status: 404, retry: 'never', sentence: 'No tenant with this external id.' },
  'tenant.exists': { status: 409, retry: 'never', sentence: 'A tenant with this external id already exists.' },
  'tenant.limit_reached': { status: 409, retry: 'never', sentence: 'The tenant holds as many flows as its limits allow.' },
  'tenant.rate_limited': { status: 429, retry: 'retry', sentence: 'The tenant sends more webhook calls or API requests per second than its limits allow; wait (see Retry-After) and try again.' },
  'host.key_required': { status: 401, retry: 'never', sentence: 'Host routes need "Authorization: Bearer wk_…", a host API key.' },
  'host.key_invalid': { status: 401, retry: 'never', sentence: 'The host API key is unknown or revoked.' },
  'host.key_scope': { status: 403, retry: 'never', sentence: 'The host API key lacks the scope this route needs.' },
  'host.key_not_found': { status: 404, retry: 'never', sentence: 'No host API key with this id.' },
  'auth.host_token_failed': { status: 401, retry: 'never', sentence: 'The embedding page\'s getAccessToken callback failed: the host gave the SDK no token.' },
  'auth.host_key_on_user_route': { status: 401, retry: 'never', sentence: 'A host API key is for /host routes only; mint a user token with it.' },
  'exchange.invalid_token': { status: 401, retry: 'never', sentence: 'The signed token is malformed or its signature does not verify.' },
  'exchange.expired': { status: 401, retry: 'never', sentence: 'The signed token has expired.' },
  'exchange.wrong_audience': { status: 401, retry: 'never', sentence: 'The signed token is meant for another audience than this installation.' },
  'exchange.unknown_key': { status: 401, retry: 'never', sentence: 'No verification key with the token\'s kid is registered.' },
  'exchange.replayed': { status: 401, retry: 'never', sentence: 'This signed token (its jti) was already exchanged.' },
  'exchange.lifetime_too_long': { status: 401, retry: 'never', sentence: 'The signed token lives longer than 15 minutes; sign shorter ones.' },
  'exchange.unknown_user': { status: 401, retry: 'never', sentence: 'The signed token names a tenant or user the host has not provisioned.' },
  'exchange.not_configured': { status: 401, retry: 'never', sentence: 'No host verification key is registered on this installation.' },

  // Connector packages (installed by operators)
  'connector.invalid': { status: 400, retry: 'never', sentence: 'The connector package is not valid; the path says which field or component.' },
  'connector.unsafe': { status: 400, retry: 'never', sentence: 'The connector tarball holds a path outside its package folder or a link; it was not unpacked.' },
  'connector.missing_dependency': { status: 422, retry: 'never', sentence: 'The connector needs a package that is neither bundled in its tarball nor provided by the engine.' },
  'connector.load_failed': { status: 422, retry: 'never', sentence: 'The connector\'s components module failed to load.' },
  'connector.not_found': { status: 404, retry: 'never', sentence: 'No connector package of this name is installed.' },
  'connector.in_use': { status: 409, retry: 'never', sentence: 'Running flows use this connector; stop them first or pass force=true.' },
  'connector.built_in': { status: 409, retry: 'never', sentence: 'This connector is built into the engine: it cannot be removed, and an installed package cannot take its name.' },
  'connector.breaking': { status: 409, retry: 'never', sentence: 'The new version drops a component or a port that running flows use; stop them first or pass force=true.' },

  // Flows
  'flow.not_found': { status: 404, retry: 'never', sentence: 'The flow does not exist or is not yours.' },
  'flow.version_not_found': { status: 404, retry: 'never', sentence: 'The flow has no published version with this number.' },
  'flow.exists': { status: 409, retry: 'never', sentence: 'A flow with this id already exists.' },
  'flow.conflict': { status: 409, retry: 'never', sentence: 'Someone saved the flow since you loaded it; merge with the current version.' },
  'flow.schema': { status: 400, retry: 'never', sentence: 'The flow descriptor does not have the right shape.' },
  'flow.invalid': { status: 422, retry: 'never', sentence: 'The flow has problems to fix before it can run.' },
  'flow.checks_unavailable': { status: 503, retry: 'retry', sentence: 'The thread that checks big flows stopped; try again.' },
  'flow.not_running': { status: 409, retry: 'never', sentence: 'The flow is stopped; start it first.' },
  'flow.no_entry': { status: 422, retry: 'never', sentence: 'The called flow has no "On call" trigger.' },
  'flow.failed': { status: 500, retry: 'never', sentence: 'The run failed at a component; its message is kept as unprocessed.' },
  'webhook.not_found': { status: 404, retry: 'never', sentence: 'No webhook answers at this address.' },
  'webhook.timeout': { status: 504, retry: 'never', sentence: 'No Response component answered in time; the run goes on.' },

  // Templates and integrations
  'template.not_found': { status: 404, retry: 'never', sentence: 'The template does not exist.' },
  'template.conflict': { status: 409, retry: 'never', sentence: 'Someone saved a newer version of the template since you loaded it.' },
  'template.in_use': { status: 409, retry: 'never', sentence: 'Integrations made from this template exist; remove them first or pass force=true.' },
  'template.invalid': { status: 422, retry: 'never', sentence: 'The template\'s wizard does not fit its flow.' },
  'template.answers_invalid': { status: 422, retry: 'never', sentence: 'Some answers of the wizard are missing or do not fit their fields.' },
  'template.answers_needed': { status: 422, retry: 'never', sentence: 'The new version of the template asks some questions again; answer them to update.' },
  'integration.not_found': { status: 404, retry: 'never', sentence: 'The flow is not an integration made from a template, or is not yours.' },

  // Components and runs
  'component.not_found': { status: 404, retry: 'never', sentence: 'The component does not exist.' },
  'component.unknown_type': { status: 422, retry: 'never', sentence: 'The component type is not installed.' },
  'component.unknown_port': { status: 500, retry: 'never', sentence: 'A component sent on a port its manifest does not declare.' },
  'component.cancelled': { status: 422, retry: 'never', sentence: 'The component refused its input; trying again cannot help.' },
  'component.retry': { status: 503, retry: 'retry', sentence: 'The component asked to be tried again later.' },
  'component.error': { status: 500, retry: 'retry', sentence: 'The component failed.' },
  'listener.closed': { status: 503, retry: 'retry', sentence: 'The listener closed before its message was accepted; the source keeps the message for the next listener.' },
  'listener.failed': { status: 502, retry: 'retry', sentence: 'A trigger\'s subscription could not open or broke; the engine opens it again after a pause.' },
  'message.malformed': { status: 400, retry: 'never', sentence: 'A message on the bus is not one the engine can read; it was dropped.' },
  'message.poison': { status: 500, retry: 'never', sentence: 'The process handling this message died every time it tried; the message is parked so it cannot take the engine down again.' },
  'message.too_large': { status: 422, retry: 'never', sentence: 'A message is larger than this installation allows.' },
  'message.values_expired': { status: 410, retry: 'never', sentence: 'An earlier output this message needs is no longer stored.' },
  'component.too_many_sends': { status: 422, retry: 'never', sentence: 'A component sent more messages from one message than this installation allows.' },
  'flow.call_depth': { status: 422, retry: 'never', sentence: 'A run went through more CallFlow hops than this installation allows.' },
  'log.quota_exceeded': { status: 429, retry: 'never', sentence: 'This account wrote more log records today than its daily quota; later ones are not kept.' },
  'state.not_a_number': { status: 409, retry: 'never', sentence: 'The stored value to increment is not a number.' },
  'unprocessed.not_found': { status: 404, retry: 'never', sentence: 'The unprocessed message does not exist or is not yours.' },
  'run.not_found': { status: 404, retry: 'never', sentence: 'The run does not exist, is not yours, or its records are past the log retention.' },
  'run.ended': { status: 409, retry: 'never', sentence: 'The run has already succeeded or been cancelled; there is nothing left to cancel.' },

  'http.header_invalid': { status: 422, retry: 'never', sentence: 'A request header name or value contains a line break or NUL.' },
  'http.response_too_large': { status: 422, retry: 'never', sentence: 'The answer of the called server is larger than this installation reads.' },

  // Problems in a flow: each is one entry of `flow.invalid`'s details and of GET /flows/:id/validate
  // Problems of a template wizard's answers: each is one entry of `template.answers_invalid`'s details
  'wizard.required': { status: 422, retry: 'never', sentence: 'A required question of the wizard has no answer.' },
  'wizard.type': { status: 422, retry: 'never', sentence: 'An answer of the wizard is not of the kind its question asks for.' },
  'wizard.option': { status: 422, retry: 'never', sentence: 'An answer of the wizard is not one of the options offered.' },
  'wizard.account': { status: 422, retry: 'never', sentence: 'The account chosen in the wizard is not one of your connected accounts.' },
  'wizard.unknown_field': { status: 422, retry: 'never', sentence: 'An answer names a question the wizard does not ask.' },
  'property.required': { status: 422, retry: 'never', sentence: 'A required property of a component has no value.' },
  'port.unknown': { status: 422, retry: 'never', sentence: 'A connection uses a port the component does not have.' },
  'port.wrong_direction': { status: 422, retry: 'never', sentence: 'A connection goes into an output or out of an input.' },
  'edge.missing_component': { status: 422, retry: 'never', sentence: 'A connection comes from a component that is not in the flow.' },
  'edge.duplicate': { status: 422, retry: 'never', sentence: 'The same two ports are connected more than once.' },
  'input.required': { status: 422, retry: 'never', sentence: 'A required input field gets no value from its connection.' },
  'transform.orphan': { status: 422, retry: 'never', sentence: 'A mapping belongs to a connection that does not exist.' },
  'variable.not_ancestor': { status: 422, retry: 'never', sentence: 'A variable reads a component that does not run before this one.' },
  'variable.unknown_port': { status: 422, retry: 'never', sentence: 'A variable reads a port the component does not have.' },
  'flow.cycle': { status: 422, retry: 'never', sentence: 'A component that may not loop sits on a loop.' },
  'code.missing': { status: 422, retry: 'never', sentence: 'The JavaScript component has no code.' },
  'code.syntax': { status: 422, retry: 'never', sentence: 'The JavaScript component\'s code does not compile.' },

  'response.header_forbidden': { status: 422, retry: 'never', sentence: 'A Response may not set this header (cookies, CORS, CSP, hop-by-hop).' },
  'response.header_invalid': { status: 422, retry: 'never', sentence: 'A Response header name is invalid or its value holds a line break or NUL.' },
  'http.timeout_too_long': { status: 422, retry: 'never', sentence: 'The request timeout is above the most this installation allows.' },

  // Variables and modifiers
  'variable.malformed': { status: 422, retry: 'never', sentence: 'A variable is not written correctly.' },
  'variable.too_deep': { status: 422, retry: 'never', sentence: 'A mapping, a path or a value nests deeper than this installation handles.' },
  'modifier.unknown': { status: 422, retry: 'never', sentence: 'A variable uses a modifier that does not exist.' },
  'modifier.bad_args': { status: 422, retry: 'never', sentence: 'A modifier got arguments it does not take.' },
  'modifier.failed': { status: 422, retry: 'never', sentence: 'A modifier could not handle its value.' },
  'modifier.not_found': { status: 404, retry: 'never', sentence: 'The custom modifier does not exist.' },
  'modifier.exists': { status: 409, retry: 'never', sentence: 'A modifier with this name already exists.' },
  'modifier.conflict': { status: 409, retry: 'never', sentence: 'Someone saved the modifier since you loaded it; merge with the current version.' },
  'modifier.syntax': { status: 400, retry: 'never', sentence: 'The modifier\'s source does not compile.' },
  'modifier.check_failed': { status: 400, retry: 'never', sentence: 'The modifier\'s source could not be checked.' },

  // User code in the sandbox (code and modifiers); code that fails the same way every time is not retried
  SANDBOX_SYNTAX: { status: 422, retry: 'never', sentence: 'The code does not compile.' },
  SANDBOX_THROWN: { status: 422, retry: 'retry', sentence: 'The code threw an error.' },
  SANDBOX_BAD_RESULT: { status: 422, retry: 'never', sentence: 'The code returned something that is not JSON.' },
  SANDBOX_TIMEOUT: { status: 422, retry: 'retry', sentence: 'The code ran longer than its time limit.' },
  SANDBOX_BUSY: { status: 429, retry: 'retry', sentence: 'Too many of your calls wait for the sandbox; try again in a moment.' },
  'sandbox.busy': { status: 429, retry: 'retry', sentence: 'Too many of your calls wait for the sandbox; try again in a moment.' },
  'modifiers.rate_limited': { status: 429, retry: 'retry', sentence: 'You ran test code too often this minute; wait before the next run.' },
  SANDBOX_MEMORY: { status: 422, retry: 'never', sentence: 'The code used more memory than its limit.' },
  SANDBOX_STACK: { status: 422, retry: 'never', sentence: 'The code or its data is nested too deeply.' },
  SANDBOX_OUTPUT_TOO_LARGE: { status: 422, retry: 'never', sentence: 'The code returned more data than its limit.' },
  SANDBOX_CRASHED: { status: 503, retry: 'retry', sentence: 'The sandbox stopped during the call.' },

  // Connected accounts and their secrets
  'account.not_found': { status: 404, retry: 'never', sentence: 'The account does not exist or is not yours.' },
  'account.in_use': { status: 409, retry: 'never', sentence: 'Running flows use this account; stop them first, or remove it with ?force=true, which stops them.' },
  'account.test_failed': { status: 422, retry: 'never', sentence: 'The service refused the credentials of the account.' },
  'account.invalid': { status: 422, retry: 'never', sentence: 'The account is marked invalid; reconnect it, then retry.' },
  'account.unusable': { status: 422, retry: 'never', sentence: 'A component names an account that is not the flow owner\'s, or a type of account it cannot use.' },
  'account.refresh_failed': { status: 503, retry: 'retry', sentence: 'The account\'s access token could not be renewed just now; the message is tried again.' },
  'bundle.unsatisfied': { status: 422, retry: 'never', sentence: 'The flows of the bundle cannot be imported on this engine; the details list everything it lacks, and nothing was created.' },
  'bundle.too_large': { status: 422, retry: 'never', sentence: 'The flow reaches more flows (calls, error flows) than one bundle carries.' },
  'bundle.connector_missing': { status: 422, retry: 'never', sentence: 'The flows use a connector this engine does not have installed.' },
  'bundle.connector_version': { status: 422, retry: 'never', sentence: 'The flows were made with a newer or other major version of a connector than this engine has.' },
  'bundle.duplicate_flow': { status: 422, retry: 'never', sentence: 'Two flows of the bundle have the same id.' },
  'bundle.component_unknown': { status: 422, retry: 'never', sentence: 'A flow of the bundle uses a component type this engine does not have.' },
  'bundle.modifier_missing': { status: 422, retry: 'never', sentence: 'A flow of the bundle uses a custom modifier this engine does not have; an operator creates it first.' },
  'event.name_missing': { status: 422, retry: 'never', sentence: 'An App event trigger names no event to start on.' },
  'event.name_invalid': { status: 422, retry: 'never', sentence: 'An App event trigger names an event with characters an event name may not have.' },
  'event.not_registered': { status: 404, retry: 'never', sentence: 'No app event of that name is registered.' },
  'oauth.failed': { status: 502, retry: 'never', sentence: 'The authorization server refused to issue tokens.' },
  'connector.not_configured': { status: 422, retry: 'never', sentence: 'An operator has not configured this connector\'s OAuth settings yet.' },
  'secrets.no_key': { status: 503, retry: 'never', sentence: 'This installation has no key to encrypt secrets with; an operator must set WEFT_SECRET_KEYS.' },
  'secrets.unknown_key': { status: 500, retry: 'never', sentence: 'A stored secret was encrypted with a key this installation no longer holds.' },
  'secrets.tampered': { status: 500, retry: 'never', sentence: 'A stored secret does not decrypt: it was changed or moved.' },
  'secrets.invalid_keys': { status: 500, retry: 'never', sentence: 'WEFT_SECRET_KEYS is not a list of kid:base64key entries of 32-byte keys.' },

  // Infrastructure: the Store, the Bus and the LogIndex
  'store.unavailable': { status: 503, retry: 'retry', sentence: 'The database cannot be reached.' },
  'store.too_new': { status: 503, retry: 'never', sentence: 'The database was written by a newer version of Weft (a higher numbered migration than this version knows); start that version or restore a backup made by this one.' },
  'audit.unavailable': { status: 503, retry: 'retry', sentence: 'The audit log cannot be written, so the action was refused.' },
  'bus.unavailable': { status: 503, retry: 'retry', sentence: 'The message queue cannot be reached; nothing was accepted.' },
  'bus.closed': { status: 503, retry: 'retry', sentence: 'The message queue of this process is closed.' },
  'bus.write_failed': { status: 503, retry: 'retry', sentence: 'The message queue could not store a write.' },
  'bus.publish_failed': { status: 503, retry: 'retry', sentence: 'The message queue did not confirm a message.' },
  'bus.channel_closed': { status: 503, retry: 'never', sentence: 'The channel of a delivery closed; the broker delivers it again.' },
  'bus.queue_mismatch': { status: 500, retry: 'never', sentence: 'A queue exists with other settings than Weft needs.' },
  'bus.unserializable': { status: 400, retry: 'never', sentence: 'A message is not JSON and cannot be queued.' },
  'log.bad_cursor': { status: 400, retry: 'never', sentence: 'The cursor is not one the log index handed out.' },
  'log.closed': { status: 503, retry: 'retry', sentence: 'The log index of this process is closed.' },
  'log.unavailable': { status: 503, retry: 'retry', sentence: 'The log index cannot be reached.' },
  'log.append_failed': { status: 503, retry: 'retry', sentence: 'The log index refused log records.' },
  'log.failed': { status: 500, retry: 'retry', sentence: 'The log index failed.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CATALOGUE, code);
}

/** The catalogue's entry for `code`, or undefined for a code it does not list (a connector's own). */
export function errorSpec(code: string): ErrorSpec | undefined {
  return isErrorCode(code) ? ERROR_CATALOGUE[code] : undefined;
}
