/**
 * @module `weft secrets …`: key commands an operator runs where Weft runs (same environment, same
 * Store), e.g. `weft secrets rotate` after putting a new key first in WEFT_SECRET_KEYS.
 */
import { isWeftError } from '@weft/connector-kit';
import { openStore } from './adapters/index.ts';
import type { Config } from './config.ts';
import { loadKeyRing, rotateSecrets } from './secrets/index.ts';

const USAGE = `Usage:
  weft secrets rotate
      Re-encrypts every stored secret with the current key (the first of WEFT_SECRET_KEYS, or of the
      key file in WEFT_DATA_DIR). Put the new key first and keep the old ones after it, restart the
      processes so that each can read both, then run this; the engine may keep running meanwhile.
      Once it reports nothing left on an old key, that key may be removed.`;

/** Runs the command; resolves to the process exit code. */
export async function runSecretsCommand(args: readonly string[], config: Config, out: (line: string) => void = console.log): Promise<number> {
  if (args.length !== 1 || args[0] !== 'rotate') {
    out(USAGE);
    return 2;
  }
  const ring = loadKeyRing(config);
  if (ring.box === undefined) {
    out(ring.notice);
    return 1;
  }
  const store = await openStore(config);
  try {
    const report = await rotateSecrets(store, ring.box);
    out(`Re-encrypted ${report.rotated} secret(s) with key "${ring.box.currentKid}"; ${report.current} already used it.`);
    return 0;
  } catch (error) {
    out(isWeftError(error) ? `${error.code}: ${error.message}` : String(error));
    return 1;
  } finally {
    await store.close();
  }
}
