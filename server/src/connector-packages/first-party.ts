/**
 * @module First-party connectors: the connector packages shipped in the repository's `connectors/`
 * folder, found at start and loaded by every engine process like installed ones (same checks), but
 * built in: listed with `builtIn: true`, never removed, never shadowed by an installed package.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's `connectors/` folder: the default of `WEFT_CONNECTORS_DIR`. */
export const DEFAULT_FIRST_PARTY_DIR = fileURLToPath(new URL('../../../connectors/', import.meta.url));

/** A folder that holds a connector package: its package.json has a `weft` section. */
export interface FirstPartyFolder {
  dir: string;
  /** SHA-256 of its package.json: what `GET /connectors` shows as the digest of a built-in. */
  sha256: string;
}

/**
 * The connector package folders directly under `root`, by name. Folders without a package.json
 * with a `weft` section (a shared internal module, a README) are not connectors and are passed over.
 */
export async function findFirstPartyFolders(root: string): Promise<FirstPartyFolder[]> {
  if (!existsSync(root)) return [];
  const entries = await readdir(root, { withFileTypes: true });
  const folders: FirstPartyFolder[] = [];
  for (const entry of entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name))) {
    const dir = join(root, entry.name);
    let text: string;
    try {
      text = await readFile(join(dir, 'package.json'), 'utf8');
    } catch {
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { weft: 'not JSON' }; // loadConnectorPackage reports it
    }
    if (typeof parsed !== 'object' || parsed === null || !('weft' in parsed)) continue;
    folders.push({ dir, sha256: createHash('sha256').update(text).digest('hex') });
  }
  return folders;
}

/** `WEFT_CONNECTORS_DIR`: `off` (or empty) loads none; a path loads that folder's packages. */
export function firstPartyDir(setting: string | undefined): string | undefined {
  if (setting === undefined) return DEFAULT_FIRST_PARTY_DIR;
  const value = setting.trim();
  return value === '' || value === 'off' ? undefined : value;
}
