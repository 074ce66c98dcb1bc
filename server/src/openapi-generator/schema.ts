/**
 * @module OpenAPI schemas → the JSON Schema subset manifests carry (`JsonSchema` of connector-kit).
 * Local `$ref`s are followed, cycles and depth are cut, `allOf` is merged, `oneOf`/`anyOf` keep the
 * fields of every object option, 3.1 type lists keep their first non-null type. Texts are shortened
 * so that a manifest of a large API (GitHub's: ~1,000 operations) stays small.
 */
import type { JsonSchema } from '@weft/connector-kit';

export type OpenApiObject = Record<string, unknown>;

const TEXT_MAX = 300;
const ENUM_MAX = 100;
const PROPERTIES_MAX = 80;
const TYPES = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']);

export const isObject = (value: unknown): value is OpenApiObject => typeof value === 'object' && value !== null && !Array.isArray(value);

export function shortText(text: unknown, max = TEXT_MAX): string | undefined {
  if (typeof text !== 'string') return undefined;
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean === '') return undefined;
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}

/** Follows local references (`#/components/schemas/repo`) in one document. */
export class RefResolver {
  constructor(private readonly document: OpenApiObject) {}

  /** The object `value` points at (following chains of `$ref`), or undefined for an external or broken one. */
  resolve(value: unknown, seen: ReadonlySet<string> = new Set()): { value: OpenApiObject; ref?: string } | undefined {
    if (!isObject(value)) return undefined;
    const ref = value.$ref;
    if (typeof ref !== 'string') return { value };
    if (!ref.startsWith('#/') || seen.has(ref)) return undefined;
    let target: unknown = this.document;
    for (const raw of ref.slice(2).split('/')) {
      const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
      target = isObject(target) ? target[key] : undefined;
    }
    const next = this.resolve(target, new Set([...seen, ref]));
    return next === undefined ? undefined : { value: next.value, ref: next.ref ?? ref };
  }
}

/** Converts `schema` to a manifest schema no deeper than `depth` levels of properties/items. */
export function toJsonSchema(schema: unknown, refs: RefResolver, depth: number, seen: ReadonlySet<string> = new Set()): JsonSchema {
  const resolved = refs.resolve(schema);
  if (resolved === undefined) return { type: 'any' };
  const { value, ref } = resolved;
  if (ref !== undefined && seen.has(ref)) return { type: 'object', ...describe(value) };
  const inner = ref === undefined ? seen : new Set([...seen, ref]);

  const allOf = Array.isArray(value.allOf) ? value.allOf : undefined;
  const anyOf = Array.isArray(value.oneOf) ? value.oneOf : Array.isArray(value.anyOf) ? value.anyOf : undefined;
  if (allOf !== undefined || anyOf !== undefined) {
    const parts = (allOf ?? anyOf ?? []).map((part) => toJsonSchema(part, refs, depth, inner)).filter((part) => part.type !== 'null');
    const objects = parts.filter((part) => part.type === 'object' || part.properties !== undefined);
    if (objects.length > 0 && (allOf !== undefined || objects.length === parts.length)) {
      const properties: Record<string, JsonSchema> = {};
      const required = new Set<string>();
      for (const part of objects) {
        Object.assign(properties, part.properties);
        // Of oneOf/anyOf, no field is required by every option for sure.
        if (allOf !== undefined) for (const name of part.required ?? []) required.add(name);
      }
      return cleaned({ type: 'object', ...describe(value), properties: limitProperties(properties), ...(required.size > 0 ? { required: [...required] } : {}) });
    }
    return parts.length === 1 ? { ...parts[0], ...describe(value) } : { type: 'any', ...describe(value) };
  }

  const type = schemaType(value);
  const result: JsonSchema = { type, ...describe(value) };
  if (Array.isArray(value.enum) && value.enum.length <= ENUM_MAX && value.enum.every((item) => item === null || typeof item !== 'object')) {
    result.enum = (value.enum as unknown[]).filter((item) => item !== null);
  }
  if (depth <= 0) return result;
  if (type === 'object' && isObject(value.properties)) {
    const properties: Record<string, JsonSchema> = {};
    for (const [name, property] of Object.entries(value.properties)) properties[name] = toJsonSchema(property, refs, depth - 1, inner);
    const kept = limitProperties(properties);
    result.properties = kept;
    if (Array.isArray(value.required)) {
      const required = value.required.filter((name): name is string => typeof name === 'string' && name in kept);
      if (required.length > 0) result.required = required;
    }
  }
  if (type === 'array' && value.items !== undefined) result.items = toJsonSchema(value.items, refs, depth - 1, inner);
  return cleaned(result);
}

function schemaType(value: OpenApiObject): NonNullable<JsonSchema['type']> {
  const declared: unknown = Array.isArray(value.type) ? (value.type as unknown[]).find((type) => type !== 'null') : value.type;
  if (typeof declared === 'string' && TYPES.has(declared)) return declared as NonNullable<JsonSchema['type']>;
  if (isObject(value.properties)) return 'object';
  if (value.items !== undefined) return 'array';
  return 'any';
}

function describe(value: OpenApiObject): Pick<JsonSchema, 'title' | 'description'> {
  const title = shortText(value.title, 120);
  const description = shortText(value.description);
  return { ...(title ? { title } : {}), ...(description ? { description } : {}) };
}

function limitProperties(properties: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const entries = Object.entries(properties);
  return entries.length <= PROPERTIES_MAX ? properties : Object.fromEntries(entries.slice(0, PROPERTIES_MAX));
}

function cleaned(schema: JsonSchema): JsonSchema {
  if (schema.properties !== undefined && Object.keys(schema.properties).length === 0) delete schema.properties;
  return schema;
}
