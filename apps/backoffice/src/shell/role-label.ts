/** @module Role label: a role (staff, tenant, audit actor) in the reader's language; an unknown one shows as the engine spells it. */
import type { Translate } from '@weft/ui-kit';

export function roleLabel(t: Translate, role: string): string {
  const key = `role.${role}`;
  const text = t(key);
  // `t` answers the key itself when no catalogue has it: a role added to the engine after this page.
  return text === key ? role : text;
}
