/**
 * @module Connector package: the `weft` section of a connector's package.json, and the checks of
 * the components its module exports. Shared by the `weft connector` CLI and the server's installer.
 *
 *   const parsed = parseConnectorPackage(JSON.parse(packageJsonText));
 *   if (!parsed.ok) console.error(parsed.problems[0]);   // { path: 'weft.icon', message: '…' }
 */
import { z } from 'zod';
import { Manifest } from './manifest.ts';

/** `vendor.app`: two lower-case words joined by a dot; every component name starts with it. */
export const ConnectorName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}\.[a-z][a-z0-9-]{0,39}$/, 'use "vendor.app": two lower-case words (letters, digits, "-") joined by a dot');
export type ConnectorName = z.infer<typeof ConnectorName>;

/** Semantic version, as npm writes it (`1.2.3`, `1.0.0-beta.1`). */
export const ConnectorVersion = z
  .string()
  .regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/, 'use a semantic version such as 1.0.0');

/** An SVG as a data URL; the designer draws it in the palette and on node faces. */
export const ConnectorIcon = z
  .string()
  .max(64 * 1024, 'keep the icon under 64 KiB')
  .regex(/^data:image\/svg\+xml(;charset=[\w-]+)?(;base64)?,/, 'use an SVG data URL (data:image/svg+xml;base64,…)');

/**
 * How the connector's accounts authenticate: `POST /accounts { connector, name, fields }` checks
 * `fields` against this (`password` fields are sealed, the others kept plain); `oauth2` accounts
 * start at `authUrl` with the client id and secret an operator sets (`PUT /connectors/:name/config`).
 */
export const ConnectorAuth = z.object({
  type: z.enum(['apiKey', 'pwd', 'oauth2', 'custom']),
  label: z.string().max(200).optional(),
  /** The fields an account form asks for, by name. */
  fields: z
    .record(
      z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'use letters, digits and "_"'),
      z.object({ label: z.string(), type: z.enum(['text', 'password', 'number', 'toggle']).default('text'), required: z.boolean().optional(), tooltip: z.string().optional() }),
    )
    .optional(),
  oauth2: z.object({ authUrl: z.url(), tokenUrl: z.url(), scopes: z.array(z.string()).optional(), pkce: z.boolean().optional() }).optional(),
});
export type ConnectorAuth = z.infer<typeof ConnectorAuth>;

/** Texts of one locale: the connector's own, and each component's label, description and inspector texts. */
export const ConnectorLocale = z.object({
  label: z.string().optional(),
  description: z.string().optional(),
  components: z
    .record(
      z.string(),
      z.object({
        label: z.string().optional(),
        description: z.string().optional(),
        inspector: z.record(z.string(), z.object({ label: z.string().optional(), tooltip: z.string().optional(), placeholder: z.string().optional() })).optional(),
      }),
    )
    .optional(),
});
export type ConnectorLocale = z.infer<typeof ConnectorLocale>;

/** A path inside the package: relative, forward slashes, never leaving it. */
const PackagePath = z
  .string()
  .min(1)
  .refine((path) => !path.startsWith('/') && !/^[A-Za-z]:/.test(path) && !path.split(/[\\/]/).includes('..'), 'use a relative path inside the package (no "/" at the start, no "..")');

/** The `weft` section of package.json. */
export const ConnectorSection = z.object({
  name: ConnectorName,
  label: z.string().min(1).max(200),
  description: z.string().max(2000).default(''),
  author: z.string().max(200).default(''),
  icon: ConnectorIcon.optional(),
  auth: ConnectorAuth.optional(),
  locales: z.record(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'use a locale tag such as "en" or "pt-BR"'), ConnectorLocale).optional(),
  /** The ES module whose default export is the list of components (`defineComponent(…)`). */
  components: PackagePath,
});
export type ConnectorSection = z.infer<typeof ConnectorSection>;

/** The parts of package.json a connector needs; the rest is npm's business. */
export const ConnectorPackageJson = z.object({
  name: z.string().min(1),
  version: ConnectorVersion,
  type: z.literal('module', 'set "type": "module": components are ES modules').optional(),
  dependencies: z.record(z.string(), z.string()).optional(),
  peerDependencies: z.record(z.string(), z.string()).optional(),
  bundleDependencies: z.union([z.array(z.string()), z.boolean()]).optional(),
  bundledDependencies: z.union([z.array(z.string()), z.boolean()]).optional(),
  weft: ConnectorSection,
});
export type ConnectorPackageJson = z.infer<typeof ConnectorPackageJson>;

/** One thing wrong with a package, at a dotted path (`weft.icon`, `components[1].manifest.name`). */
export interface PackageProblem {
  path: string;
  message: string;
}

export type PackageCheck<T> = { ok: true; value: T } | { ok: false; problems: PackageProblem[] };

function pathOf(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`;
  return out;
}

/** Check a parsed package.json: the `weft` section and the version npm gave the package. */
export function parseConnectorPackage(packageJson: unknown): PackageCheck<ConnectorPackageJson> {
  const parsed = ConnectorPackageJson.safeParse(packageJson);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => ({ path: pathOf('', issue.path), message: issue.message })) };
  return { ok: true, value: parsed.data };
}

/** What a connector module's default export must hold, checked component by component. */
export interface ConnectorComponent {
  manifest: Manifest;
  /** Has at least one of `receive`, `tick`, `start`, `listen` (checked); the server reads it as a `ComponentBehaviour`. */
  behaviour: object;
}

/**
 * Check the default export of a connector's components module: a non-empty list of
 * `defineComponent(…)` results, each named `<connector>.…`, with a `receive` (or a trigger's
 * `tick`/`start`/`listen`), names unique.
 */
export function checkConnectorComponents(connector: string, exported: unknown): PackageCheck<ConnectorComponent[]> {
  if (!Array.isArray(exported) || exported.length === 0) {
    return { ok: false, problems: [{ path: 'components', message: 'the module\'s default export must be a non-empty list of defineComponent(…) results' }] };
  }
  const problems: PackageProblem[] = [];
  const names = new Set<string>();
  const components: ConnectorComponent[] = [];
  exported.forEach((entry: unknown, index) => {
    const at = `components[${index}]`;
    if (typeof entry !== 'object' || entry === null) {
      problems.push({ path: at, message: 'expected the result of defineComponent(manifest, behaviour)' });
      return;
    }
    const { manifest, behaviour } = entry as { manifest?: unknown; behaviour?: unknown };
    const parsed = Manifest.safeParse(manifest);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ path: pathOf(`${at}.manifest`, issue.path), message: issue.message });
      return;
    }
    const { name } = parsed.data;
    if (!name.startsWith(`${connector}.`)) problems.push({ path: `${at}.manifest.name`, message: `"${name}" must start with "${connector}."` });
    else if (names.has(name)) problems.push({ path: `${at}.manifest.name`, message: `"${name}" is defined twice` });
    names.add(name);
    const hooks = typeof behaviour === 'object' && behaviour !== null ? (behaviour as Record<string, unknown>) : {};
    if (!['receive', 'tick', 'start', 'listen'].some((hook) => typeof hooks[hook] === 'function')) {
      problems.push({ path: `${at}.behaviour`, message: 'a component needs a receive function (a trigger may have tick, start or listen instead)' });
      return;
    }
    components.push({ manifest: parsed.data, behaviour: hooks });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: components };
}
