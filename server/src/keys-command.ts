/**
 * @module `weft keys …`: host API keys, made where Weft runs (same environment, same Store), e.g.
 * `weft keys create --name "Acme backend" --scopes provision,read`. The key is printed once.
 */
import { parseArgs } from 'node:util';
import { HostKeyScope } from '@weft/api-client';
import { isWeftError } from '@weft/connector-kit';
import { openAuditLog, openStore } from './adapters/index.ts';
import { cliActor, writeAudit } from './audit/audit-trail.ts';
import type { Config } from './config.ts';
import { createHostKey } from './tenancy/host-keys.ts';

const USAGE = `Usage:
  weft keys create --name <name> [--scopes provision,events,read]
      Makes a host API key (default scope: provision) and prints it once: store it in the host's
      backend (e.g. WEFT_HOST_KEY); Weft keeps only its hash.
  weft keys list
      Every key with its id, name, scopes, creation, last use and revocation.
  weft keys revoke <id>
      Revokes a key at once.`;

/** Runs the command; resolves to the process exit code. */
export async function runKeysCommand(args: readonly string[], config: Config, out: (line: string) => void = console.log): Promise<number> {
  const [sub, ...rest] = args;
  let parsed: { values: { name?: string | undefined; scopes?: string | undefined }; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...rest], options: { name: { type: 'string' }, scopes: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    out(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const scopes = (values.scopes ?? 'provision').split(',').map((s) => s.trim()).filter(Boolean);
  const badScope = scopes.find((scope) => !HostKeyScope.safeParse(scope).success);
  const valid = (sub === 'create' && values.name !== undefined && values.name.trim() !== '' && badScope === undefined && scopes.length > 0)
    || (sub === 'list' && positionals.length === 0)
    || (sub === 'revoke' && positionals.length === 1);
  if (!valid) {
    out(badScope !== undefined ? `Unknown scope "${badScope}": use provision, events, read.\n${USAGE}` : USAGE);
    return 2;
  }
  const store = await openStore(config);
  const audit = await openAuditLog(config);
  try {
    if (sub === 'create') {
      const { record, key } = await createHostKey(store, { name: values.name!.trim(), scopes: scopes as HostKeyScope[] });
      await writeAudit(audit, cliActor(), 'hostKey.create', { target: { type: 'hostKey', id: record.id }, tenantId: null, details: { name: record.name, scopes: record.scopes } });
      out(`Created host key "${record.name}" (id ${record.id}, scopes ${record.scopes.join(',')}). It is shown only now:`);
      out(key);
      return 0;
    }
    if (sub === 'list') {
      const keys = await store.listHostKeys();
      if (keys.length === 0) out('No host keys yet: weft keys create --name <name>');
      const when = (at: number | undefined) => (at === undefined ? '-' : new Date(at).toISOString());
      for (const key of keys) {
        out(`${key.id}  ${key.name}  scopes=${key.scopes.join(',')}  created=${when(key.createdAt)}  lastUsed=${when(key.lastUsedAt)}${key.revokedAt !== undefined ? `  REVOKED ${when(key.revokedAt)}` : ''}`);
      }
      return 0;
    }
    const id = positionals[0]!;
    if (!(await store.revokeHostKey(id, Date.now()))) {
      out(`No active host key with id ${id}.`);
      return 1;
    }
    await writeAudit(audit, cliActor(), 'hostKey.revoke', { target: { type: 'hostKey', id }, tenantId: null });
    out(`Revoked host key ${id}.`);
    return 0;
  } catch (error) {
    out(isWeftError(error) ? `${error.message}` : String(error));
    return 1;
  } finally {
    await audit.close();
    await store.close();
  }
}
