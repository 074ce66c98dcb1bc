/**
 * @module Account picker: the `account` property every connector component reads its credentials
 * through, and the options that list the caller's accounts of that connector.
 *
 *   inspector: { inputs: { account: accountInput(), … } },
 *   behaviour: { options: accountOptions('weft.rabbitmq'), … }
 */
import type { InspectorInput } from './manifest.ts';
import type { OptionsContext, SelectOption } from './context.ts';

/** A required select of the user's connected accounts, loaded from `options('accounts')`. */
export function accountInput(label = 'Account', tooltip = 'The connected account whose credentials this component uses.'): InspectorInput {
  return { type: 'select', label, tooltip, source: { name: 'accounts' }, variables: false, index: 0 };
}

/**
 * `options` of a connector's components: for `accounts`, the caller's accounts connected for
 * `connector` (an account of another connector or a generic type is not offered).
 */
export function accountOptions(connector: string): (name: string, context: OptionsContext) => Promise<SelectOption[]> {
  return async (name, context) => {
    if (name !== 'accounts' || !context.listAccounts) return [];
    const accounts = (await context.listAccounts()).filter((account) => account.connector === connector);
    return accounts.map((account) => ({ label: account.status === 'valid' ? account.name : `${account.name} (${account.status})`, value: account.id }));
  };
}
