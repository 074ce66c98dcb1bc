/** @module Connector tarball: checks every entry of an uploaded package before anything is written, then unpacks it. */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { WeftError } from '@weft/connector-kit';
import { list, x, type ReadEntry } from 'tar';

/** What an unpacked package may weigh, so a small tarball cannot fill the disk. */
export const UNPACK_LIMITS = { bytes: 200 * 1024 * 1024, entries: 20_000 } as const;

function unsafe(path: string, message: string): WeftError {
  return new WeftError('connector.unsafe', `${path}: ${message}`, { status: 400, path, retry: 'never' });
}

/** Inside `package/`, relative, no `..`: where npm pack puts everything. */
function isInsidePackage(path: string): boolean {
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('\\') || path.includes('\0')) return false;
  const normalized = posix.normalize(path);
  return normalized.startsWith('package/') && !normalized.split('/').includes('..') && !path.split('/').includes('..');
}

function checkEntry(entry: ReadEntry): void {
  const path = entry.path;
  if (!isInsidePackage(path)) throw unsafe(path, 'every file of a connector tarball must be inside "package/", without ".." or an absolute path');
  switch (entry.type) {
    case 'File':
    case 'OldFile':
    case 'ContiguousFile':
    case 'Directory':
      return;
    case 'SymbolicLink': {
      const target = entry.linkpath ?? '';
      // A link is resolved from the folder that holds it; it must land inside the package too.
      if (target.startsWith('/') || !isInsidePackage(posix.join(posix.dirname(path), target))) throw unsafe(path, `the link to "${target}" leads out of the package`);
      return;
    }
    default:
      throw unsafe(path, `a ${entry.type} entry is not allowed in a connector tarball (only files, folders and links inside the package)`);
  }
}

/**
 * Check every entry of the gzipped tarball `tgz`, then unpack its `package/` folder into `dir`
 * (emptied first). Rejects with `connector.unsafe` before writing anything if one entry leaves
 * the package, is a hard link or device, or the whole would unpack too big.
 */
export async function unpackConnectorTarball(tgz: Uint8Array, dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const file = `${dir}.tgz`;
  await writeFile(file, tgz);
  try {
    let bytes = 0;
    let entries = 0;
    let refusal: unknown;
    try {
      await list({
        file,
        strict: true,
        onReadEntry: (entry) => {
          if (refusal !== undefined) return;
          try {
            checkEntry(entry);
            bytes += entry.size;
            entries += 1;
            if (bytes > UNPACK_LIMITS.bytes || entries > UNPACK_LIMITS.entries) throw unsafe('package', `the package unpacks to more than ${UNPACK_LIMITS.bytes} bytes or ${UNPACK_LIMITS.entries} files`);
          } catch (error) {
            refusal = error;
          }
        },
      });
    } catch (error) {
      throw new WeftError('connector.invalid', `The body is not a gzipped tarball: ${error instanceof Error ? error.message : String(error)}`, { status: 400, path: 'body', retry: 'never', cause: error });
    }
    if (refusal !== undefined) throw refusal;
    if (entries === 0) throw new WeftError('connector.invalid', 'The tarball is empty or not a tarball.', { status: 400, path: 'body', retry: 'never' });
    await x({ file, cwd: dir, strip: 1, strict: true, preservePaths: false, noChmod: true });
  } finally {
    await rm(file, { force: true });
  }
}
