/** @module Default properties: a new component starts with the defaults its manifest declares. */
import type { Manifest } from '@weft/connector-kit';

export function defaultProperties(manifest: Manifest): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [name, input] of Object.entries(manifest.properties?.inspector?.inputs ?? {})) {
    if (input.defaultValue !== undefined) properties[name] = input.defaultValue;
  }
  return properties;
}
