/** @module Component registry: the component types this engine can run, by name. */
import type { ComponentDefinition, Manifest } from '@weft/connector-kit';

export class ComponentRegistry {
  readonly #definitions = new Map<string, ComponentDefinition>();
  #generation = 0;

  constructor(definitions: Iterable<ComponentDefinition> = []) {
    for (const definition of definitions) this.register(definition);
  }

  register(definition: ComponentDefinition): void {
    this.#definitions.set(definition.manifest.name, definition);
    this.#generation++;
  }

  /** Changes each time a type is registered or unregistered: what was validated against the previous set is stale. */
  get generation(): number {
    return this.#generation;
  }

  /** Forget a component type (its connector package was removed or dropped it). */
  unregister(type: string): boolean {
    this.#generation++;
    return this.#definitions.delete(type);
  }

  /** The registered types that keep a listener open (`behaviour.listen`). */
  listenerTypes(): string[] {
    return [...this.#definitions.values()].filter((definition) => definition.behaviour.listen !== undefined).map((definition) => definition.manifest.name);
  }

  has(type: string): boolean {
    return this.#definitions.has(type);
  }

  get(type: string): ComponentDefinition | undefined {
    return this.#definitions.get(type);
  }

  manifest = (type: string): Manifest | undefined => this.#definitions.get(type)?.manifest;

  /** Public manifests, sorted by name, optionally only those whose name starts with `prefix`. */
  manifests(prefix = ''): Manifest[] {
    return [...this.#definitions.values()]
      .map((definition) => definition.manifest)
      .filter((manifest) => !manifest.private && manifest.name.startsWith(prefix))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}
