/**
 * @module Palette groups: the component catalogue grouped by connector package (its icon and label,
 * in the person's locale) and, for the engine's own components, by category; with search across all.
 */
import type { Manifest } from '@weft/connector-kit';
import type { ComponentConnector } from '@weft/api-client';

/** A manifest as the palette shows it: label and description in the person's locale. */
export type PaletteEntry = Manifest;

export interface PaletteGroup {
  /** `connector:<name>` or `category:<category>`: stable, for keys and ids. */
  id: string;
  label: string;
  /** The connector's icon (data URL), drawn beside the group's label. */
  icon?: string | undefined;
  entries: PaletteEntry[];
}

export interface PaletteCatalogue {
  /** By connector name. */
  connectors?: Readonly<Record<string, ComponentConnector>>;
  /** Component type → its connector's name. */
  connectorOf?: Readonly<Record<string, string>>;
  /** The SDK's locale (`cs`, `pt-BR`); the connector's texts of it (or of its language) win. */
  locale?: string | undefined;
}

/** The connector's texts for `locale`: the exact tag first, then its language (`pt` for `pt-BR`). */
function localeTexts(connector: ComponentConnector | undefined, locale: string | undefined) {
  if (!connector?.locales || !locale) return undefined;
  return connector.locales[locale] ?? connector.locales[locale.split('-')[0] ?? locale];
}

/** The label of a connector in `locale`. */
export function connectorLabel(connector: ComponentConnector, locale: string | undefined): string {
  return localeTexts(connector, locale)?.label ?? connector.label;
}

/** `manifest` with its label and description in `locale`, from its connector's locales. */
export function localizeManifest(manifest: Manifest, connector: ComponentConnector | undefined, locale: string | undefined): PaletteEntry {
  const texts = localeTexts(connector, locale)?.components?.[manifest.name];
  if (!texts?.label && !texts?.description) return manifest;
  return { ...manifest, label: texts.label ?? manifest.label, description: texts.description ?? manifest.description };
}

/**
 * How well a manifest matches the search, lower is better; undefined: not at all. A person typing "web"
 * means Webhook, not every component whose description mentions a webhook: exact and prefix matches of
 * the label (or of a word in it, or of the type's last segment) come before matches inside the text.
 * `groupLabel`: the connector's label, so "postgres" lists every PostgreSQL component.
 */
export function matchRank(manifest: Manifest, needle: string, groupLabel = ''): number | undefined {
  const label = manifest.label.toLowerCase();
  const typeName = (manifest.name.split('.').pop() ?? manifest.name).toLowerCase();
  if (label === needle) return 0;
  // "Save to store" is weft.utils.storage.Set: its type may match exactly, but after the Set component.
  if (typeName === needle || label.startsWith(needle)) return 1;
  if (typeName.startsWith(needle) || label.split(/[\s\-_/]+/).some((word) => word.startsWith(needle))) return 2;
  if (label.includes(needle) || manifest.name.toLowerCase().includes(needle) || groupLabel.toLowerCase().includes(needle)) return 3;
  if (`${manifest.description} ${manifest.category}`.toLowerCase().includes(needle)) return 4;
  return undefined;
}

/**
 * Visible manifests in groups: one per connector package (its label and icon), and one per category
 * for components of no package (the engine's own). Without a query: the engine's categories, then the
 * connectors, each alphabetically, labels alphabetically inside. With one: the group of the best match
 * first, then by rank and label. Private components are never listed.
 */
export function groupManifests(manifests: readonly Manifest[], query: string, catalogue: PaletteCatalogue = {}): PaletteGroup[] {
  const needle = query.trim().toLowerCase();
  const groups = new Map<string, { group: PaletteGroup; best: number; isConnector: boolean; ranked: { entry: PaletteEntry; rank: number }[] }>();
  for (const manifest of manifests) {
    if (manifest.private === true) continue;
    const connectorName = catalogue.connectorOf?.[manifest.name];
    const connector = connectorName === undefined ? undefined : catalogue.connectors?.[connectorName];
    const entry = localizeManifest(manifest, connector, catalogue.locale);
    const groupLabel = connector ? connectorLabel(connector, catalogue.locale) : entry.category;
    const rank = needle ? matchRank(entry, needle, connector ? groupLabel : '') : 0;
    if (rank === undefined) continue;
    const id = connector ? `connector:${connector.name}` : `category:${entry.category}`;
    let slot = groups.get(id);
    if (!slot) {
      slot = { group: { id, label: groupLabel, ...(connector?.icon === undefined ? {} : { icon: connector.icon }), entries: [] }, best: rank, isConnector: connector !== undefined, ranked: [] };
      groups.set(id, slot);
    }
    slot.best = Math.min(slot.best, rank);
    slot.ranked.push({ entry, rank });
  }
  return [...groups.values()]
    .sort((a, b) => a.best - b.best || Number(a.isConnector) - Number(b.isConnector) || a.group.label.localeCompare(b.group.label))
    .map(({ group, ranked }) => ({
      ...group,
      entries: ranked.sort((a, b) => a.rank - b.rank || a.entry.label.localeCompare(b.entry.label)).map(({ entry }) => entry),
    }));
}
