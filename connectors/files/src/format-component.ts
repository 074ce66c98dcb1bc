/**
 * @module Format component: one pure step that turns the field of its input into an output, with a
 * size limit and errors people understand. Every component of weft.files is one of these.
 */
import { defineComponent, type ComponentDefinition, type InspectorInput, type JsonSchema } from '@weft/connector-kit';

/** Most bytes of text a format component reads or writes (the engine bounds a message's size too). */
export const MAX_BYTES = 10 * 1024 * 1024;

/** An input the component cannot read: the run fails on it at once (retrying cannot help). */
export class FormatError extends Error {}

export function textOf(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new FormatError(`"${field}" must be text, not ${value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value}.`);
  return withinLimit(value, field);
}

export function withinLimit(text: string, what: string): string {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_BYTES) throw new FormatError(`"${what}" is ${(bytes / 1024 / 1024).toFixed(1)} MB, more than the ${MAX_BYTES / 1024 / 1024} MB this component handles.`);
  return text;
}

export interface FormatSpec {
  name: string;
  label: string;
  description: string;
  /** The in port's fields and their inspector inputs. */
  fields: Record<string, { schema: JsonSchema; input: InspectorInput; required?: boolean }>;
  /** Properties (static settings) and their inputs. */
  properties?: Record<string, { schema: JsonSchema; input: InspectorInput }>;
  out: JsonSchema;
  /** Pure: from the mapped input and the properties to what is sent on `out`. Throw FormatError for bad input. */
  run(content: Record<string, unknown>, properties: Record<string, unknown>): unknown;
}

export function formatComponent(spec: FormatSpec): ComponentDefinition {
  const entries = Object.entries(spec.fields);
  const properties = Object.entries(spec.properties ?? {});
  return defineComponent(
    {
      name: `weft.files.${spec.name}`,
      label: spec.label,
      description: spec.description,
      category: 'files',
      pure: true,
      inPorts: [{
        name: 'in',
        schema: {
          type: 'object',
          properties: Object.fromEntries(entries.map(([name, field]) => [name, field.schema])),
          required: entries.filter(([, field]) => field.required === true).map(([name]) => name),
        },
        inspector: { inputs: Object.fromEntries(entries.map(([name, field], index) => [name, { index, ...field.input }])) },
      }],
      outPorts: [{ name: 'out', schema: spec.out }],
      ...(properties.length > 0
        ? {
            properties: {
              schema: { type: 'object', properties: Object.fromEntries(properties.map(([name, property]) => [name, property.schema])) },
              inspector: { inputs: Object.fromEntries(properties.map(([name, property], index) => [name, { index, variables: false, ...property.input }])) },
            },
          }
        : {}),
    },
    {
      async receive(context) {
        let output: unknown;
        try {
          output = spec.run(context.messages.in?.content ?? {}, context.properties);
        } catch (error) {
          if (error instanceof FormatError) throw new context.CancelError(error.message);
          throw error;
        }
        await context.sendJson(output, 'out');
      },
    },
  );
}
