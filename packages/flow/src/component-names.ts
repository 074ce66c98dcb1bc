/**
 * @module Component names: what messages call a component. The designer gives components UUIDs, which
 * say nothing to a person, so a message names a component by its label, made unique within its flow.
 */

/** What naming needs of one component; read field by field, so a descriptor that fails the schema is named too. */
interface Nameable {
  type?: unknown;
  label?: unknown;
}

/** A type's label: the manifest's when known, else the last segment of its name (`weft.utils.transform.Set` → `Set`). */
export type TypeLabelLookup = (type: string) => string | undefined;

export function typeNameOf(type: string, typeLabel?: TypeLabelLookup): string {
  return typeLabel?.(type) ?? type.slice(type.lastIndexOf('.') + 1);
}

/**
 * The name of every component of a flow, by id. A component is called by its label, or its type's label
 * when it has none. Names that several components share are told apart: by their types' labels when those
 * differ (`Save (HTTP request)`), else by their order in the flow (`Set (1st)`, `Set (2nd)`).
 */
export function componentNames(flow: Readonly<Record<string, unknown>>, typeLabel?: TypeLabelLookup): Map<string, string> {
  const base = new Map<string, { name: string; typeName: string }>();
  const byName = new Map<string, string[]>();
  for (const [id, value] of Object.entries(flow)) {
    const { type, label } = (value !== null && typeof value === 'object' ? value : {}) as Nameable;
    const typeName = typeof type === 'string' ? typeNameOf(type, typeLabel) : id;
    const name = typeof label === 'string' && label.trim() !== '' ? label.trim() : typeName;
    base.set(id, { name, typeName });
    const same = byName.get(name);
    if (same) same.push(id);
    else byName.set(name, [id]);
  }
  const names = new Map<string, string>();
  for (const [name, ids] of byName) {
    if (ids.length === 1) {
      names.set(ids[0]!, name);
      continue;
    }
    const typeCounts = new Map<string, number>();
    for (const id of ids) {
      const typeName = base.get(id)!.typeName;
      typeCounts.set(typeName, (typeCounts.get(typeName) ?? 0) + 1);
    }
    const nth = new Map<string, number>();
    for (const id of ids) {
      const { typeName } = base.get(id)!;
      if (typeCounts.get(typeName) === 1 && typeName !== name) {
        names.set(id, `${name} (${typeName})`);
        continue;
      }
      const n = (nth.get(typeName) ?? 0) + 1;
      nth.set(typeName, n);
      const kind = typeCounts.get(typeName) === ids.length || typeName === name ? '' : `${typeName}, `;
      names.set(id, `${name} (${kind}${ordinal(n)})`);
    }
  }
  return names;
}

/** One component's name; its id when the flow has no such component (a message about a deleted one). */
export function componentName(flow: Readonly<Record<string, unknown>>, componentId: string, typeLabel?: TypeLabelLookup): string {
  return componentNames(flow, typeLabel).get(componentId) ?? componentId;
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}
