/** @module Sample data: an example value shaped like an out-port schema, and the schema of a pinned value. */
import type { JsonSchema } from '@weft/connector-kit';

const MAX_DEPTH = 6;

/** An example message for a schema: its `example` where given, else an empty value of each field's type. */
export function sampleFromSchema(schema: JsonSchema | undefined, depth = 0): unknown {
  if (schema === undefined) return {};
  if (schema.example !== undefined) return schema.example;
  if (schema.enum !== undefined && schema.enum.length > 0) return schema.enum[0];
  switch (schema.type) {
    case 'string':
      return '';
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'array':
      return depth < MAX_DEPTH && schema.items?.properties !== undefined ? [sampleFromSchema(schema.items, depth + 1)] : [];
    case 'object':
    case 'any':
    case undefined: {
      if (schema.properties === undefined || depth >= MAX_DEPTH) return {};
      const sample: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(schema.properties)) sample[key] = sampleFromSchema(child, depth + 1);
      return sample;
    }
    default:
      return {};
  }
}

/** The schema of a pinned value, so the variable picker offers the paths the real data has. */
export function schemaOfValue(value: unknown, depth = 0): JsonSchema {
  if (value === null) return { type: 'null' };
  if (Array.isArray(value)) {
    const first: unknown = value[0];
    return first === undefined || depth >= MAX_DEPTH ? { type: 'array' } : { type: 'array', items: schemaOfValue(first, depth + 1) };
  }
  switch (typeof value) {
    case 'string':
      return { type: 'string' };
    case 'number':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'object': {
      if (depth >= MAX_DEPTH) return { type: 'object' };
      const properties: Record<string, JsonSchema> = {};
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) properties[key] = schemaOfValue(child, depth + 1);
      return { type: 'object', properties };
    }
    default:
      return { type: 'any' };
  }
}
