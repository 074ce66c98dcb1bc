/**
 * @module Store contract: the behaviour every Store adapter must show, run unchanged by each
 * adapter's `store.test.ts` (embedded, MongoDB, …). It is one suite per concern of the port
 * (`store-contract/`), each typed by the narrowest interface it needs, so a store that serves only
 * some concerns can run only their suites.
 *
 * ```ts
 * describeStoreContract('EmbeddedStore', async () => new EmbeddedStore({ file: tempFile() }));
 * ```
 *
 * `makeStore` is called once per case. The cases use unique ids, emails and scopes, so an adapter
 * may hand back stores sharing one database; the only global reads (`listUsers`, admin
 * `listUnprocessed`, `listRunningFlows`) are checked for inclusion, not equality.
 */
import { describeAccountStoreContract } from './store-contract/account.contract.ts';
import { describeComponentStateStoreContract } from './store-contract/component-state.contract.ts';
import { describeConnectorPackageStoreContract } from './store-contract/connector-package.contract.ts';
import { describeDataStoresContract } from './store-contract/data-stores.contract.ts';
import { describeFlowStoreContract } from './store-contract/flow.contract.ts';
import { describeIdentityStoreContract } from './store-contract/identity.contract.ts';
import { describeRunStateStoreContract } from './store-contract/run-state.contract.ts';
import { describeSettingsStoreContract } from './store-contract/settings.contract.ts';
import { describeUnprocessedStoreContract } from './store-contract/unprocessed.contract.ts';
import { describeUserPurgeContract } from './store-contract/user-purge.contract.ts';
import type { Store } from './store.ts';

/** Every concern suite, plus the purge that crosses concerns, against one adapter. */
export function describeStoreContract(name: string, makeStore: () => Promise<Store>): void {
  describeIdentityStoreContract(name, makeStore);
  describeUserPurgeContract(name, makeStore);
  describeFlowStoreContract(name, makeStore);
  describeComponentStateStoreContract(name, makeStore);
  describeDataStoresContract(name, makeStore);
  describeUnprocessedStoreContract(name, makeStore);
  describeRunStateStoreContract(name, makeStore);
  describeSettingsStoreContract(name, makeStore);
  describeConnectorPackageStoreContract(name, makeStore);
  describeAccountStoreContract(name, makeStore);
}
