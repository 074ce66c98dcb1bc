/**
 * @module Component names: what the logs call a component. Its label in the flow's descriptor, else the
 * label of its type, else its id: the designer gives components UUIDs, which say nothing to a person.
 */

/** What the logs need of one component of a flow descriptor. */
export interface ComponentNaming {
  type: string;
  label?: string;
}

/** The components of one flow by id, as GET /flows/:id last described them. */
export type FlowComponents = Record<string, ComponentNaming>;

/**
 * The type and label of each component of a descriptor (the `flow` of GET /flows/:id, which the client
 * passes on as unparsed JSON). Read field by field, not with @weft/flow's schema: a component that today's
 * rules reject (a flow saved by an older engine) must not leave the flow's other components unnamed.
 */
export function componentsOf(descriptor: Record<string, unknown>): FlowComponents {
  const components: [string, ComponentNaming][] = [];
  for (const [componentId, value] of Object.entries(descriptor)) {
    if (value === null || typeof value !== 'object') continue;
    const { type, label } = value as { type?: unknown; label?: unknown };
    if (typeof type !== 'string') continue;
    // A label of only spaces would show as an empty cell.
    components.push([componentId, typeof label === 'string' && label.trim() ? { type, label: label.trim() } : { type }]);
  }
  // fromEntries defines own properties, so an id such as `__proto__` stays a component.
  return Object.fromEntries(components);
}

/** A type's label: its manifest's when known, else the last segment of its name (`weft.utils.transform.Set` → `Set`). */
export function typeLabelOf(type: string, typeLabels: Readonly<Record<string, string>>): string {
  return (Object.hasOwn(typeLabels, type) ? typeLabels[type] : undefined) ?? type.slice(type.lastIndexOf('.') + 1);
}

/**
 * The name of a component of a flow whose components are known; `undefined` while they are not (not yet
 * looked up, the engine did not answer, the flow is gone), `null` when the flow no longer has that component.
 */
export function componentName(components: FlowComponents | undefined, componentId: string, typeLabels: Readonly<Record<string, string>>): string | null | undefined {
  if (!components) return undefined;
  // Own properties only: `constructor` is a valid component id.
  const component = Object.hasOwn(components, componentId) ? components[componentId] : undefined;
  if (!component) return null;
  return component.label ?? (typeLabelOf(component.type, typeLabels) || componentId);
}

/** Where the widget keeps what it learnt: the flows slice. */
export interface KnownComponents {
  flowComponents: Readonly<Record<string, FlowComponents>>;
  typeLabels: Readonly<Record<string, string>>;
}

/** A component as plain text, where no second line or tooltip fits (titles, notices): its name, else its id. */
export function componentText(known: KnownComponents, flowId: string, componentId: string): string {
  return componentName(known.flowComponents[flowId], componentId, known.typeLabels) ?? componentId;
}
