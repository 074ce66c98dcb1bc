/** @module Version diff: what changed between a published version and the draft, component by component (pure). */
import type { FlowComponent, FlowDescriptor } from '@weft/flow';

export interface ComponentChange {
  id: string;
  /** The component's label (the draft's side for a changed one); undefined: none, name it by its type. */
  label: string | undefined;
  type: string;
  /**
   * For a changed component: what changed, `properties.<name>` per setting, `mapping.<port>.<field>`
   * per mapped input field, else `label`, `type`, `connections`, `mappings`, `position`.
   */
  changes: string[];
}

export interface VersionDiff {
  /** In the draft, not in the version. */
  added: ComponentChange[];
  /** In the version, not in the draft. */
  removed: ComponentChange[];
  changed: ComponentChange[];
}

/** Compare `version` (the older side) with `draft`; components are matched by id. */
export function diffVersions(version: FlowDescriptor, draft: FlowDescriptor): VersionDiff {
  const diff: VersionDiff = { added: [], removed: [], changed: [] };
  for (const [id, component] of Object.entries(draft)) {
    const before = version[id];
    if (!before) diff.added.push(describe(id, component, []));
    else {
      const changes = componentChanges(before, component);
      if (changes.length > 0) diff.changed.push(describe(id, component, changes));
    }
  }
  for (const [id, component] of Object.entries(version)) if (!draft[id]) diff.removed.push(describe(id, component, []));
  const byLabel = (a: ComponentChange, b: ComponentChange) => (a.label ?? a.type).localeCompare(b.label ?? b.type);
  diff.added.sort(byLabel);
  diff.removed.sort(byLabel);
  diff.changed.sort(byLabel);
  return diff;
}

export function isEmptyDiff(diff: VersionDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
}

function describe(id: string, component: FlowComponent, changes: string[]): ComponentChange {
  return { id, label: component.label?.trim() || undefined, type: component.type, changes };
}

function componentChanges(before: FlowComponent, after: FlowComponent): string[] {
  const changes: string[] = [];
  if (before.type !== after.type) changes.push('type');
  if ((before.label ?? '') !== (after.label ?? '')) changes.push('label');
  const props = new Set([...Object.keys(before.config.properties), ...Object.keys(after.config.properties)]);
  for (const name of [...props].sort()) {
    if (!sameJson(before.config.properties[name], after.config.properties[name])) changes.push(`properties.${name}`);
  }
  if (!sameJson(before.source, after.source)) changes.push('connections');
  if (!sameJson(before.config.transform, after.config.transform)) {
    const fields = mappingChanges(before.config.transform, after.config.transform);
    changes.push(...(fields.length > 0 ? fields : ['mappings']));
  }
  if (before.x !== after.x || before.y !== after.y) changes.push('position');
  return changes;
}

type Transform = FlowComponent['config']['transform'];

/** `mapping.<port>.<field>` for each field of an edge mapping (`transform[port][source][outPort].lambda`) that differs. */
function mappingChanges(before: Transform, after: Transform): string[] {
  const lambdas = (transform: Transform) => {
    const byField = new Map<string, unknown[]>();
    for (const [port, sources] of Object.entries(transform)) {
      for (const outPorts of Object.values(sources)) {
        for (const edge of Object.values(outPorts)) {
          for (const [field, value] of Object.entries(edge.lambda)) {
            const key = `mapping.${port}.${field}`;
            byField.set(key, [...(byField.get(key) ?? []), value]);
          }
        }
      }
    }
    return byField;
  };
  const a = lambdas(before);
  const b = lambdas(after);
  return [...new Set([...a.keys(), ...b.keys()])].filter((key) => !sameJson(a.get(key), b.get(key))).sort();
}

function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
