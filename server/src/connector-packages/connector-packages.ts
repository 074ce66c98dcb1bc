/**
 * @module Connector packages: install an operator's connector tarball (check, store, unpack, load),
 * and keep every engine process's component registry in step with the Store.
 *
 * Connectors are trusted code: their modules run in the engine's own realm, like the built-in
 * components. Only operators install them; code written by users stays in the sandbox.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  authHooksProblem, checkConnectorComponents, parseConnectorPackage, WeftError,
  type ComponentDefinition, type ConnectorAuth, type ConnectorAuthHooks, type ConnectorPackageJson, type Manifest,
} from '@weft/connector-kit';
import type { ComponentConnector } from '@weft/api-client';
import type { ComponentRegistry } from '../engine/component-registry.ts';
import type { ConnectorPackageRecord, FlowRecord, Store } from '../ports/store.ts';
import { unpackConnectorTarball } from './tarball.ts';
import { installDependencies, PROVIDED_DEPENDENCIES, type DependencyOptions } from './dependencies.ts';

export { PROVIDED_DEPENDENCIES };
import { findFirstPartyFolders } from './first-party.ts';
import { Poller } from '../engine/poller.ts';

/** Setting whose value changes on every install or removal, so other processes know to reload. */
export const CONNECTORS_REVISION_KEY = 'connectors.revision';


/** The engine's own connector kit, linked into each unpacked package. */
const connectorKitDir = dirname(dirname(fileURLToPath(import.meta.resolve('@weft/connector-kit'))));

/** A package checked and loaded from its unpacked folder. */
export interface LoadedPackage {
  packageJson: ConnectorPackageJson;
  components: ComponentDefinition[];
  /** The module's `auth` export (`defineAuth({ test, profile })`), if any. */
  authHooks?: ConnectorAuthHooks | undefined;
}

/** A running flow that uses a connector's component types. */
export interface FlowUse {
  flowId: string;
  userId: string;
  name: string;
  /** What it uses: `<componentId>: <type>` and the ports on its edges. */
  uses: { componentId: string; type: string; inPorts: string[]; outPorts: string[] }[];
}

function invalid(path: string, message: string): WeftError {
  return new WeftError('connector.invalid', `${path}: ${message}`, { status: 400, path, retry: 'never' });
}

export interface LoadOptions {
  /**
   * A first-party package shipped with the engine (`connectors/*`): it may use a `weft.` name
   * (not `weft.utils`, the built-in components'), and its dependencies are the workspace's, found
   * in `node_modules/` of its folder or of any folder above it.
   */
  firstParty?: boolean;
}

/** Whether `dependency` is installed in `node_modules/` of `dir` or (`upward`) of a folder above it. */
function isInstalled(dir: string, dependency: string, upward: boolean): boolean {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'node_modules', dependency, 'package.json'))) return true;
    if (!upward || dirname(at) === at) return false;
  }
}

/**
 * Check the unpacked package in `dir` and load its components module: package.json's `weft`
 * section, its dependencies (bundled in `node_modules/` or provided by the engine), every
 * component's manifest and behaviour. `cacheKey` makes a re-installed version load afresh.
 */
export async function loadConnectorPackage(dir: string, cacheKey: string, options: LoadOptions = {}): Promise<LoadedPackage> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  } catch (error) {
    throw invalid('package.json', `missing or not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = parseConnectorPackage(raw);
  if (!parsed.ok) {
    const [first] = parsed.problems;
    throw new WeftError('connector.invalid', `package.json ${first?.path ?? ''}: ${first?.message ?? 'invalid'}`, {
      status: 400, path: `package.json${first?.path ? `.${first.path}` : ''}`, retry: 'never', details: parsed.problems,
    });
  }
  const packageJson = parsed.value;
  const { name } = packageJson.weft;
  if (name === 'weft.utils' || (name.startsWith('weft.') && !options.firstParty)) {
    throw invalid('package.json.weft.name', '"weft." names are reserved for the engine\'s own components');
  }
  for (const dependency of Object.keys(packageJson.dependencies ?? {})) {
    if ((PROVIDED_DEPENDENCIES as readonly string[]).includes(dependency)) continue;
    if (!isInstalled(dir, dependency, options.firstParty === true)) {
      throw new WeftError('connector.missing_dependency', `package.json dependencies.${dependency}: "${dependency}" is neither in the package's node_modules nor provided by the engine.`, {
        status: 422, path: `package.json.dependencies.${dependency}`, retry: 'never',
      });
    }
  }
  // A first-party package resolves the kit from the workspace, as the engine does.
  if (!options.firstParty) await linkProvidedDependencies(dir);
  const entry = join(dir, packageJson.weft.components);
  if (!existsSync(entry)) throw invalid('package.json.weft.components', `"${packageJson.weft.components}" is not in the package`);
  let exported: unknown;
  let authExport: unknown;
  try {
    const module = (await import(`${pathToFileURL(entry).href}?weft-sha=${cacheKey}`)) as { default?: unknown; auth?: unknown };
    exported = module.default;
    authExport = module.auth;
  } catch (error) {
    throw new WeftError('connector.load_failed', `${packageJson.weft.components}: ${error instanceof Error ? error.message : String(error)}`, {
      status: 422, path: 'package.json.weft.components', retry: 'never', cause: error,
    });
  }
  const checked = checkConnectorComponents(name, exported);
  if (!checked.ok) {
    const [first] = checked.problems;
    throw new WeftError('connector.invalid', `${first?.path ?? 'components'}: ${first?.message ?? 'invalid'}`, {
      status: 400, path: first?.path ?? 'components', retry: 'never', details: checked.problems,
    });
  }
  const hooksProblem = authHooksProblem(authExport);
  if (hooksProblem !== undefined) throw invalid('auth', hooksProblem);
  return { packageJson, components: checked.value, ...(authExport === undefined ? {} : { authHooks: authExport as ConnectorAuthHooks }) };
}

/** Point `node_modules/@weft/connector-kit` of the package at the engine's own, whatever it bundled. */
async function linkProvidedDependencies(dir: string): Promise<void> {
  const link = join(dir, 'node_modules', '@weft', 'connector-kit');
  await rm(link, { recursive: true, force: true });
  await mkdir(dirname(link), { recursive: true });
  await symlink(connectorKitDir, link, 'dir');
}

/** Component types and ports of `name.*` that running flows use. */
export function flowUses(flows: readonly FlowRecord[], connector: string): FlowUse[] {
  const prefix = `${connector}.`;
  const result: FlowUse[] = [];
  for (const record of flows) {
    const descriptor = record.flow as Record<string, { type?: unknown; source?: Record<string, Record<string, unknown>> }>;
    const uses: FlowUse['uses'] = [];
    for (const [componentId, component] of Object.entries(descriptor)) {
      if (typeof component?.type !== 'string' || !component.type.startsWith(prefix)) continue;
      const inPorts = Object.keys(component.source ?? {});
      const outPorts = new Set<string>();
      for (const other of Object.values(descriptor)) {
        for (const sources of Object.values(other?.source ?? {})) {
          const ports = sources[componentId];
          for (const port of Array.isArray(ports) ? ports : ports && typeof ports === 'object' ? Object.keys(ports) : []) outPorts.add(String(port));
        }
      }
      uses.push({ componentId, type: component.type, inPorts, outPorts: [...outPorts] });
    }
    if (uses.length > 0) result.push({ flowId: record.flowId, userId: record.userId, name: record.name, uses });
  }
  return result;
}

/** What running flows use that `manifests` no longer offer: `<flow>: <component> <type> port <p>`. */
export function breakingChanges(uses: readonly FlowUse[], manifests: ReadonlyMap<string, Manifest>): string[] {
  const problems: string[] = [];
  for (const flow of uses) {
    for (const use of flow.uses) {
      const manifest = manifests.get(use.type);
      if (!manifest) {
        problems.push(`flow "${flow.name}" (${flow.flowId}) uses ${use.type}, which the new version drops`);
        continue;
      }
      for (const port of use.inPorts) if (!manifest.inPorts.some((p) => p.name === port)) problems.push(`flow "${flow.name}" (${flow.flowId}) feeds in port "${port}" of ${use.type}, which the new version drops`);
      for (const port of use.outPorts) if (!manifest.outPorts.some((p) => p.name === port)) problems.push(`flow "${flow.name}" (${flow.flowId}) reads out port "${port}" of ${use.type}, which the new version drops`);
    }
  }
  return problems;
}

export interface ConnectorPackagesOptions {
  store: Store;
  registry: ComponentRegistry;
  /** `WEFT_DATA_DIR`: packages unpack to `<dataDir>/connectors/<name>/<version>/`. */
  dataDir: string;
  /** Stops a running flow as its owner would (`DELETE …?force=true`). */
  stopFlow(record: FlowRecord): Promise<unknown>;
  onError(error: unknown): void;
  /** How dependencies a package does not bundle are installed (default: with npm, from npm's registry). */
  dependencies?: DependencyOptions;
}

/** A package as `GET /connectors` lists it: built in (shipped in `connectors/`) or installed by an operator. */
export type ListedPackage = ConnectorPackageRecord & { builtIn: boolean };

function builtInError(name: string, doing: 'install' | 'remove'): WeftError {
  const message = doing === 'install'
    ? `"${name}" is a built-in connector shipped with this engine; an installed package cannot replace it. Give yours another name.`
    : `"${name}" is a built-in connector shipped with this engine and cannot be removed (an operator may start the engine with WEFT_CONNECTORS_DIR=off to load none).`;
  return new WeftError('connector.built_in', message, { status: 409, path: 'name', retry: 'never' });
}

interface Active {
  version: string;
  sha256: string;
  components: string[];
}

/**
 * The connector packages of this process. The process that installs or removes applies the change
 * at once and announces it; every process polls the revision setting and reloads what changed.
 */
export class ConnectorPackages {
  readonly #options: ConnectorPackagesOptions;
  readonly #active = new Map<string, Active>();
  /** `weft.auth` and the auth hooks of each loaded package that declares accounts. */
  readonly #auths = new Map<string, { auth: ConnectorAuth; hooks?: ConnectorAuthHooks | undefined; label: string; icon?: string | undefined }>();
  /** First-party packages loaded from `connectors/`, by name. */
  readonly #builtIn = new Map<string, ConnectorPackageRecord>();
  /** Installed packages already reported as shadowing a built-in (reported once per process). */
  readonly #shadowReported = new Set<string>();
  #revision: string | undefined;
  readonly #poller = new Poller(() => this.refresh(), (error) => this.#options.onError(error));
  /** One install, removal or reload at a time in this process. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: ConnectorPackagesOptions) {
    this.#options = options;
  }

  get #dependencyOptions(): DependencyOptions {
    return this.#options.dependencies ?? { install: true };
  }

  get root(): string {
    return join(this.#options.dataDir, 'connectors');
  }

  /**
   * Load the first-party packages in `root` (each folder of `connectors/`) with the same checks as
   * installed ones. A broken one is reported and skipped: it must not keep the engine from starting.
   */
  async loadBuiltIns(root: string): Promise<void> {
    for (const folder of await findFirstPartyFolders(root)) {
      try {
        const loaded = await loadConnectorPackage(folder.dir, folder.sha256, { firstParty: true });
        const { weft, version } = loaded.packageJson;
        if (this.#builtIn.has(weft.name)) throw invalid('package.json.weft.name', `two first-party folders are called "${weft.name}" (${folder.dir})`);
        for (const { manifest } of loaded.components) {
          if (this.#options.registry.has(manifest.name)) throw invalid(`components.${manifest.name}`, `another component type is already called "${manifest.name}"`);
        }
        for (const definition of loaded.components) this.#options.registry.register(definition);
        // Their accounts work as installed packages' do (POST /accounts { connector }).
        if (weft.auth) this.#auths.set(weft.name, { auth: weft.auth, hooks: loaded.authHooks, label: weft.label, icon: weft.icon });
        this.#builtIn.set(weft.name, {
          name: weft.name, version, label: weft.label, description: weft.description, author: weft.author,
          ...(weft.icon === undefined ? {} : { icon: weft.icon }),
          section: weft,
          components: loaded.components.map(({ manifest }) => manifest.name),
          sha256: folder.sha256, installedAt: Date.now(), installedBy: 'weft',
        });
      } catch (error) {
        // Say which folder: every first-party package has the same file names.
        this.#options.onError(error instanceof WeftError ? new WeftError(error.code, `${folder.dir}: ${error.message}`, { status: error.status, retry: error.retry, ...(error.path === undefined ? {} : { path: error.path }), details: error.details, cause: error }) : error);
      }
    }
  }

  /** The built-in (first-party) packages this process loaded, by name. */
  get builtIns(): ReadonlyMap<string, ConnectorPackageRecord> {
    return this.#builtIn;
  }

  /** The packages this process has loaded, by name. */
  get active(): ReadonlyMap<string, Active> {
    return this.#active;
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Install `tarball` (replacing an installed version of the same name). Refused when the new
   * version drops a component or port that running flows use, unless `force`.
   */
  install(tarball: Uint8Array, installedBy: string, options: { force?: boolean } = {}): Promise<ConnectorPackageRecord> {
    return this.#serial(async () => {
      const sha256 = createHash('sha256').update(tarball).digest('hex');
      const staging = join(this.root, '.staging', randomUUID());
      try {
        await unpackConnectorTarball(tarball, staging);
        await installDependencies(staging, this.#dependencyOptions);
        const loaded = await loadConnectorPackage(staging, sha256);
        const { name } = loaded.packageJson.weft;
        if (this.#builtIn.has(name)) throw builtInError(name, 'install');
        const installed = this.#active.get(name);
        for (const { manifest } of loaded.components) {
          if (this.#options.registry.has(manifest.name) && !installed?.components.includes(manifest.name)) {
            throw invalid(`components.${manifest.name}`, `another component type is already called "${manifest.name}"`);
          }
        }
        if (!options.force) {
          const uses = flowUses(await this.#options.store.listRunningFlows(), name);
          const problems = breakingChanges(uses, new Map(loaded.components.map(({ manifest }) => [manifest.name, manifest])));
          if (problems.length > 0) {
            throw new WeftError('connector.breaking', `${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}; stop those flows or pass force=true.`, {
              status: 409, path: 'body', retry: 'never', details: { problems, flows: uses.map(({ flowId, name: flowName }) => ({ flowId, name: flowName })) },
            });
          }
        }
        // Unpacked under its final folder and loaded from there, so its relative imports resolve where it lives.
        const target = join(this.root, name, loaded.packageJson.version);
        await rm(target, { recursive: true, force: true });
        await mkdir(dirname(target), { recursive: true });
        await rename(staging, target);
        const final = await loadConnectorPackage(target, sha256);
        await writeFile(join(target, '.weft-sha256'), sha256);
        const { weft } = final.packageJson;
        const record: ConnectorPackageRecord = {
          name,
          version: final.packageJson.version,
          label: weft.label,
          description: weft.description,
          author: weft.author,
          ...(weft.icon === undefined ? {} : { icon: weft.icon }),
          section: weft,
          components: final.components.map(({ manifest }) => manifest.name),
          sha256,
          installedAt: Date.now(),
          installedBy,
        };
        await this.#options.store.putConnectorPackage(record, tarball);
        this.#activate(record, final);
        await this.#announce();
        return record;
      } finally {
        await rm(staging, { recursive: true, force: true });
      }
    });
  }

  /** What the loaded package `name` declares about its accounts (for `POST /accounts { connector }`). */
  authOf(name: string): { auth: ConnectorAuth; hooks?: ConnectorAuthHooks | undefined } | undefined {
    return this.#auths.get(name);
  }

  /** Every loaded package that declares accounts. */
  auths(): { connector: string; label: string; icon?: string | undefined; auth: ConnectorAuth; hooks?: ConnectorAuthHooks | undefined }[] {
    return [...this.#auths].map(([connector, entry]) => ({ connector, ...entry }));
  }

  /** The built-in packages, then every installed one (from the Store: what all processes load). */
  async list(): Promise<ListedPackage[]> {
    const installed = (await this.#options.store.listConnectorPackages()).filter((record) => !this.#builtIn.has(record.name));
    return [
      ...[...this.#builtIn.values()].map((record) => ({ ...record, builtIn: true })),
      ...installed.map((record) => ({ ...record, builtIn: false })),
    ];
  }

  /**
   * The packages whose components this process runs, as the designer's palette groups them: name,
   * label, icon and the texts of each locale.
   */
  async paletteGroups(): Promise<ComponentConnector[]> {
    const loaded = (await this.list()).filter((record) => record.components.some((type) => this.#options.registry.has(type)));
    return loaded.map((record) => {
      const locales = (record.section as { locales?: ComponentConnector['locales'] }).locales;
      return {
        name: record.name, label: record.label, builtIn: record.builtIn,
        ...(record.icon === undefined ? {} : { icon: record.icon }),
        ...(locales === undefined ? {} : { locales }),
      };
    });
  }

  /** Running flows that use the package `name`. */
  async usesOf(name: string): Promise<FlowUse[]> {
    return flowUses(await this.#options.store.listRunningFlows(), name);
  }

  /**
   * Remove the package `name`. Refused with `connector.in_use` (and the flows) while running flows
   * use it, unless `force`, which stops those flows first.
   */
  remove(name: string, options: { force?: boolean } = {}): Promise<{ stoppedFlows: string[] }> {
    return this.#serial(async () => {
      if (this.#builtIn.has(name)) throw builtInError(name, 'remove');
      const installed = (await this.#options.store.listConnectorPackages()).find((record) => record.name === name);
      if (!installed) throw new WeftError('connector.not_found', `No connector package "${name}" is installed.`, { status: 404, path: 'name', retry: 'never' });
      const running = await this.#options.store.listRunningFlows();
      const uses = flowUses(running, name);
      if (uses.length > 0 && !options.force) {
        throw new WeftError('connector.in_use', `${uses.length} running flow${uses.length === 1 ? '' : 's'} use${uses.length === 1 ? 's' : ''} "${name}" (${uses.map((use) => `"${use.name}"`).join(', ')}); stop them first or pass force=true.`, {
          status: 409, path: 'name', retry: 'never', details: { flows: uses.map(({ flowId, name: flowName }) => ({ flowId, name: flowName })) },
        });
      }
      const stoppedFlows: string[] = [];
      for (const use of uses) {
        const record = running.find((flow) => flow.flowId === use.flowId);
        if (!record) continue;
        await this.#options.stopFlow(record);
        stoppedFlows.push(record.flowId);
      }
      await this.#options.store.deleteConnectorPackage(name);
      this.#deactivate(name);
      await rm(join(this.root, name), { recursive: true, force: true });
      await this.#announce();
      return { stoppedFlows };
    });
  }

  #activate(record: ConnectorPackageRecord, loaded: LoadedPackage): void {
    const previous = this.#active.get(record.name);
    for (const definition of loaded.components) this.#options.registry.register(definition);
    const { auth } = loaded.packageJson.weft;
    if (auth) this.#auths.set(record.name, { auth, hooks: loaded.authHooks, label: loaded.packageJson.weft.label, icon: loaded.packageJson.weft.icon });
    else this.#auths.delete(record.name);
    for (const type of previous?.components ?? []) if (!record.components.includes(type)) this.#options.registry.unregister(type);
    this.#active.set(record.name, { version: record.version, sha256: record.sha256, components: [...record.components] });
  }

  #deactivate(name: string): void {
    for (const type of this.#active.get(name)?.components ?? []) this.#options.registry.unregister(type);
    this.#active.delete(name);
    this.#auths.delete(name);
  }

  async #announce(): Promise<void> {
    this.#revision = `${Date.now()}:${randomUUID()}`;
    await this.#options.store.setSetting(CONNECTORS_REVISION_KEY, this.#revision);
  }

  /** Reload from the Store if the revision changed since the last look (or always, with `force`). */
  refresh(force = false): Promise<void> {
    return this.#serial(async () => {
      const revision = await this.#options.store.getSetting(CONNECTORS_REVISION_KEY);
      const current = typeof revision === 'string' ? revision : undefined;
      if (!force && current === this.#revision) return;
      this.#revision = current;
      const records = await this.#options.store.listConnectorPackages();
      for (const record of records) {
        if (this.#builtIn.has(record.name)) {
          // Installed before a built-in of that name shipped: the built-in wins, the stored one stays unused.
          if (!this.#shadowReported.has(record.name)) {
            this.#shadowReported.add(record.name);
            this.#options.onError(builtInError(record.name, 'install'));
          }
          continue;
        }
        if (this.#active.get(record.name)?.sha256 === record.sha256) continue;
        try {
          await this.#loadStored(record);
        } catch (error) {
          // One broken package must not keep the others (or the process) from loading.
          this.#options.onError(error);
        }
      }
      const names = new Set(records.map((record) => record.name));
      for (const name of [...this.#active.keys()]) if (!names.has(name)) this.#deactivate(name);
    });
  }

  /** Load an installed package, unpacking its stored tarball unless this machine already holds that exact one. */
  async #loadStored(record: ConnectorPackageRecord): Promise<void> {
    const target = join(this.root, record.name, record.version);
    const marker = join(target, '.weft-sha256');
    const held = existsSync(marker) ? await readFile(marker, 'utf8') : undefined;
    if (held !== record.sha256) {
      const stored = await this.#options.store.getConnectorTarball(record.name);
      if (!stored || stored.record.sha256 !== record.sha256) return; // replaced meanwhile: the next poll sees it
      await unpackConnectorTarball(stored.tarball, target);
      await installDependencies(target, this.#dependencyOptions);
      await writeFile(marker, record.sha256);
    }
    const loaded = await loadConnectorPackage(target, record.sha256);
    this.#activate(record, loaded);
  }

  start(pollMs: number): void {
    this.#poller.start(pollMs);
  }

  stop(): Promise<void> {
    return this.#poller.stop();
  }
}
