/**
 * @module Component suggestions: the components of the user's flows whose name matches what was typed
 * into the component filter, so a person picks "Read order" and the query gets its id.
 */
import { componentName, typeLabelOf, type FlowComponents } from './component-names.ts';

export interface ComponentSuggestion {
  flowId: string;
  componentId: string;
  /** Its label, else its type's label. */
  name: string;
  /** The flow's name (its id until known): tells apart components of the same name. */
  flowName: string;
  typeLabel: string;
}

export interface SuggestionSource {
  flowComponents: Readonly<Record<string, FlowComponents>>;
  flowNames: Readonly<Record<string, string | null>>;
  typeLabels: Readonly<Record<string, string>>;
}

/**
 * Components whose name (or id) holds `text`, those that start with it first; only the flow `flowId`'s
 * when one is picked. An empty text lists them all, up to `limit`.
 */
export function componentSuggestions(source: SuggestionSource, text: string, flowId = '', limit = 8): ComponentSuggestion[] {
  const needle = text.trim().toLowerCase();
  const ranked: { rank: number; suggestion: ComponentSuggestion }[] = [];
  for (const [id, components] of Object.entries(source.flowComponents)) {
    if (flowId && id !== flowId) continue;
    for (const [componentId, component] of Object.entries(components)) {
      const name = componentName(components, componentId, source.typeLabels) ?? componentId;
      const lower = name.toLowerCase();
      const rank = needle === '' ? 2 : lower === needle || componentId === text.trim() ? 0 : lower.startsWith(needle) ? 1 : lower.includes(needle) ? 2 : -1;
      if (rank < 0) continue;
      ranked.push({ rank, suggestion: { flowId: id, componentId, name, flowName: source.flowNames[id] ?? id, typeLabel: typeLabelOf(component.type, source.typeLabels) } });
    }
  }
  ranked.sort((a, b) => a.rank - b.rank || a.suggestion.name.localeCompare(b.suggestion.name) || a.suggestion.flowName.localeCompare(b.suggestion.flowName));
  return ranked.slice(0, limit).map(({ suggestion }) => suggestion);
}

/** The component a filter holds, for showing its name in the box: looked up across the flows known so far. */
export function suggestionFor(source: SuggestionSource, componentId: string): ComponentSuggestion | undefined {
  if (!componentId) return undefined;
  for (const [flowId, components] of Object.entries(source.flowComponents)) {
    const component = Object.hasOwn(components, componentId) ? components[componentId] : undefined;
    if (!component) continue;
    return {
      flowId, componentId, name: componentName(components, componentId, source.typeLabels) ?? componentId,
      flowName: source.flowNames[flowId] ?? flowId, typeLabel: typeLabelOf(component.type, source.typeLabels),
    };
  }
  return undefined;
}
