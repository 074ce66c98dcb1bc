/** @module Modifier registry: built-in modifiers plus custom ones registered by the host. */
import type { ModifierDefinition } from './modifier-definition.ts';
import { builtinModifiers } from './modifiers/index.ts';

export interface ModifierRegistry {
  get(name: string): ModifierDefinition | undefined;
  has(name: string): boolean;
  list(): ModifierDefinition[];
  /** Add or replace a custom modifier; a built-in cannot be replaced. */
  register(def: ModifierDefinition): void;
  /** Remove a custom modifier; built-ins stay. */
  unregister(name: string): void;
}

const MODIFIER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A fresh registry preloaded with the built-ins; registries never share custom modifiers. */
export function createModifierRegistry(): ModifierRegistry {
  const builtins = new Map(builtinModifiers.map((def) => [def.name, def]));
  const custom = new Map<string, ModifierDefinition>();
  return {
    get: (name) => builtins.get(name) ?? custom.get(name),
    has: (name) => builtins.has(name) || custom.has(name),
    list: () => [...builtins.values(), ...custom.values()],
    register(def) {
      if (!MODIFIER_NAME.test(def.name)) throw new Error(`"${def.name}" is not a valid modifier name: use letters, digits and "_", not starting with a digit`);
      if (builtins.has(def.name)) throw new Error(`"${def.name}" is a built-in modifier and cannot be replaced`);
      custom.set(def.name, def);
    },
    unregister(name) {
      if (builtins.has(name)) throw new Error(`"${name}" is a built-in modifier and cannot be removed`);
      custom.delete(name);
    },
  };
}

let shared: ModifierRegistry | undefined;

/** The registry used when a caller passes none: built-ins only, created on first use. */
export function builtinRegistry(): ModifierRegistry {
  shared ??= createModifierRegistry();
  return shared;
}
