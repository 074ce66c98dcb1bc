/**
 * @module Connector dependencies: what a package's `dependencies` name that it neither bundles nor
 * gets from the engine is installed with npm into the package's own folder
 * (`WEFT_DATA_DIR/connectors/<name>/<version>/node_modules`), never into the engine's. Install
 * scripts never run (`--ignore-scripts`): a dependency that needs a native build must be bundled.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WeftError } from '@weft/connector-kit';

const run = promisify(execFile);

/** Packages the engine lends every connector instead of the connector bundling them. */
export const PROVIDED_DEPENDENCIES = ['@weft/connector-kit'] as const;

export interface DependencyOptions {
  /** false: a dependency that is not bundled refuses the package (`WEFT_CONNECTOR_INSTALL_DEPENDENCIES=false`). */
  install: boolean;
  /** The npm registry to install from (`WEFT_CONNECTOR_REGISTRY`); npm's own setting when absent. */
  registry?: string | undefined;
  /** Longest an install may take (default 120 s). */
  timeoutMs?: number;
}

/** Dependencies of the package in `dir` that are neither bundled in its `node_modules/` nor provided. */
export async function missingDependencies(dir: string): Promise<string[]> {
  return Object.keys(await missingRanges(dir));
}

/** The missing dependencies with their version ranges. */
async function missingRanges(dir: string): Promise<Record<string, string>> {
  let packageJson: { dependencies?: unknown };
  try {
    packageJson = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { dependencies?: unknown };
  } catch {
    return {}; // No or broken package.json: the package check that follows says so with its path.
  }
  const dependencies = typeof packageJson.dependencies === 'object' && packageJson.dependencies !== null ? packageJson.dependencies as Record<string, unknown> : {};
  return Object.fromEntries(Object.entries(dependencies).filter(([name, range]) =>
    typeof range === 'string' && !(PROVIDED_DEPENDENCIES as readonly string[]).includes(name) && !existsSync(join(dir, 'node_modules', name, 'package.json'))) as [string, string][]);
}

/** Installs what `dir` lacks (see the module doc); refuses with `connector.missing_dependency` and npm's reason when it cannot. */
export async function installDependencies(dir: string, options: DependencyOptions): Promise<string[]> {
  const ranges = await missingRanges(dir);
  const missing = Object.keys(ranges);
  if (missing.length === 0) return [];
  const [first] = missing;
  if (!options.install) {
    throw new WeftError('connector.missing_dependency', `package.json dependencies.${first}: "${first}" is not bundled in the tarball (list it in bundleDependencies), and this engine installs no dependencies (WEFT_CONNECTOR_INSTALL_DEPENDENCIES=false).`, {
      status: 422, path: `package.json.dependencies.${first}`, retry: 'never',
    });
  }
  const args = [
    'install', '--omit=dev', '--omit=peer', '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock',
    '--no-save', '--fetch-retries=0', '--loglevel=error', ...(options.registry ? [`--registry=${options.registry}`] : []),
  ];
  // npm installs into a scratch folder holding only what is missing (so it never asks the registry
  // for what the engine provides), then the result moves into the package's node_modules.
  const scratch = join(dir, '.weft-install');
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });
  await writeFile(join(scratch, 'package.json'), JSON.stringify({ name: 'weft-connector-dependencies', private: true, dependencies: ranges }));
  try {
    await run('npm', args, { cwd: scratch, timeout: options.timeoutMs ?? 120_000, maxBuffer: 4 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' } });
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    const output = (error as { stderr?: unknown }).stderr;
    const stderr = typeof output === 'string' ? output : Buffer.isBuffer(output) ? output.toString('utf8') : '';
    const reason = stderr.split('\n').map((line) => line.replace(/^npm (ERR!|error) ?/, '').trim()).find((line) => line !== '' && !/^(A complete log|code )/.test(line)) ?? (error as Error).message;
    throw new WeftError('connector.missing_dependency', `package.json dependencies.${first}: installing ${missing.join(', ')} from ${options.registry ?? 'the npm registry'} failed: ${reason}`, {
      status: 422, path: `package.json.dependencies.${first}`, retry: 'never',
    });
  }
  await mkdir(join(dir, 'node_modules'), { recursive: true });
  for (const entry of await readdir(join(scratch, 'node_modules'))) {
    if (entry.startsWith('.')) continue;
    const names = entry.startsWith('@') ? (await readdir(join(scratch, 'node_modules', entry))).map((inner) => join(entry, inner)) : [entry];
    for (const name of names) {
      if (existsSync(join(dir, 'node_modules', name))) continue; // bundled by the package: it wins
      await mkdir(join(dir, 'node_modules', name, '..'), { recursive: true });
      await rename(join(scratch, 'node_modules', name), join(dir, 'node_modules', name));
    }
  }
  await rm(scratch, { recursive: true, force: true });
  const still = await missingDependencies(dir);
  if (still.length > 0) {
    throw new WeftError('connector.missing_dependency', `package.json dependencies.${still[0]}: npm finished but "${still[0]}" is not installed.`, { status: 422, path: `package.json.dependencies.${still[0]}`, retry: 'never' });
  }
  return missing;
}
