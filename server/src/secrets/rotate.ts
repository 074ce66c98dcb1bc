/**
 * @module Rotate: re-seals every stored secret with the current key (`weft secrets rotate`). Safe
 * while the engine runs: each value is replaced only if nobody changed it since it was read.
 */
import type { Store } from '../ports/store.ts';
import { accountSecretContext } from './account-secrets.ts';
import type { SecretBox } from './secret-box.ts';

export interface RotationReport {
  /** Values re-sealed with the current key. */
  rotated: number;
  /** Values already sealed with it. */
  current: number;
}

const PAGE = 500;

export async function rotateSecrets(store: Store, box: SecretBox): Promise<RotationReport> {
  const report: RotationReport = { rotated: 0, current: 0 };
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.listAccounts({ limit: PAGE, offset });
    for (const listed of page) {
      let account = listed;
      // A user may change the secret between our read and our write; then read it again.
      for (let attempt = 0; ; attempt++) {
        if (box.isCurrent(account.sealed)) {
          report.current++;
          break;
        }
        const context = accountSecretContext(account.id);
        const resealed = box.seal(box.open(account.sealed, context), context);
        if (await store.updateAccount(account.id, undefined, { sealed: resealed }, account.sealed)) {
          report.rotated++;
          break;
        }
        const fresh = await store.getAccount(account.id);
        if (fresh === undefined || attempt >= 3) break;
        account = fresh;
      }
    }
    if (page.length < PAGE) return report;
  }
}
