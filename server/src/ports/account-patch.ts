/** @module Account patch: how every Store adapter applies an `AccountPatch`, so they agree to the field. */
import type { AccountPatch, AccountRecord } from './store.ts';

/** The account with `patch` applied and `updatedAt` moved on; `statusReason: null` removes the reason. */
export function applyAccountPatch(current: AccountRecord, patch: AccountPatch): AccountRecord {
  const { statusReason, ...rest } = patch;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<AccountRecord>;
  const next: AccountRecord = { ...current, ...defined, updatedAt: Math.max(Date.now(), current.updatedAt) };
  if (statusReason === null) delete next.statusReason;
  else if (statusReason !== undefined) next.statusReason = statusReason;
  return next;
}
