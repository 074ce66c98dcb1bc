/**
 * @module @weft/connector-kit: manifest types, the component context and errors.
 *
 *   const manifest = Manifest.parse({ name: 'acme.crm.contacts.Create', label: 'Create contact', inPorts: [{ name: 'in' }] });
 *   const behaviour: ComponentBehaviour = { async receive(ctx) { await ctx.sendJson(ctx.messages.in?.content, 'out'); } };
 *   const component = defineComponent(manifest, behaviour);
 */
import { Manifest, type ManifestInput } from './manifest.ts';
import type { ComponentBehaviour, ComponentDefinition } from './context.ts';

// Manifests
export { Manifest, InPort, OutPort, Inspector, InspectorInput, InspectorInputType, JsonSchema, Quota, WhenCondition } from './manifest.ts';
export { evaluateWhen } from './when.ts';
export type { ManifestInput } from './manifest.ts';
// Icons
export { iconProblem, iconSource, MAX_ICON_LENGTH } from './icon.ts';
export type { IconSource } from './icon.ts';
// Accounts of a connector
export { accountInput, accountOptions } from './account-picker.ts';
export { AccountPool } from './account-pool.ts';
export type { Closable } from './account-pool.ts';
// Context
export type { OptionsContext, SelectOption, AccountAuth } from './context.ts';
export type { ListenContext, ListenEmit, ListenSignal, CloseListener } from './context.ts';
export type { ComponentContext, ComponentBehaviour, ComponentDefinition, PortMapping, PropertyProblem, InputMapping, MappingProblem, InMessage, StateApi, DataStoreApi, LogLevel, JsonValue } from './context.ts';
// Connector accounts
export { defineAuth, checkAuthFields, authHooksProblem } from './auth.ts';
export type { ConnectorAuthHooks, AuthFieldProblem } from './auth.ts';
// Connector packages
export {
  ConnectorName, ConnectorVersion, ConnectorIcon, ConnectorAuth, ConnectorLocale, ConnectorSection, ConnectorPackageJson,
  parseConnectorPackage, checkConnectorComponents,
} from './package.ts';
export type { PackageProblem, PackageCheck, ConnectorComponent } from './package.ts';
// Errors
export { WeftError, CancelError, RetryError, weftError, isWeftError, assertNever } from './errors.ts';
export type { RetryAdvice, WeftErrorOptions } from './errors.ts';
export { ERROR_CATALOGUE, errorSpec, isErrorCode } from './error-catalogue.ts';
export type { ErrorCode, ErrorSpec } from './error-catalogue.ts';

/** Parse a manifest (applying defaults) and pair it with its behaviour. */
export function defineComponent(manifest: ManifestInput, behaviour: ComponentBehaviour): ComponentDefinition {
  return { manifest: Manifest.parse(manifest), behaviour };
}
