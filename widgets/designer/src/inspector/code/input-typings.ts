/**
 * @module Input typings: the extra lib Monaco's JavaScript service reads while a JavaScript component's
 * code is edited: `WeftInput` (what arrives on its in-port: the out-port schemas of the components
 * wired into it), `WeftAncestors` (every ancestor's outputs), `WeftContext` and `WeftRun`.
 */
import type { JsonSchema, Manifest } from '@weft/connector-kit';
import { listAncestors } from '../../graph/ancestor-variables.ts';
import { portOfHandle, type ComponentNode, type FlowEdge } from '../../graph/types.ts';

/** Where the extra lib lives in Monaco's virtual file system (one per edited component). */
export const inputLibPath = (componentId: string): string => `ts:weft/input-${componentId.replace(/[^\w-]/g, '_')}.d.ts`;

const MAX_DEPTH = 6;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Keeps doc comments intact whatever a manifest's description says. */
const comment = (text: string): string => text.replace(/\*\//g, '* /').replace(/\r?\n/g, ' ');
const key = (name: string): string => (IDENTIFIER.test(name) ? name : JSON.stringify(name));

/** A JSON schema as a TypeScript type (loose where the schema is: `any` for unknown shapes). */
export function schemaToTs(schema: JsonSchema | undefined, indent = '', depth = 0): string {
  if (schema === undefined || depth > MAX_DEPTH) return 'any';
  if (schema.enum && schema.enum.length > 0) return schema.enum.map((value) => JSON.stringify(value) ?? 'null').join(' | ');
  switch (schema.type) {
    case 'string': return 'string';
    case 'number':
    case 'integer': return 'number';
    case 'boolean': return 'boolean';
    case 'null': return 'null';
    case 'array': return `Array<${schemaToTs(schema.items, indent, depth + 1)}>`;
    case 'object':
    case undefined: {
      const properties = Object.entries(schema.properties ?? {});
      if (properties.length === 0) return schema.type === 'object' ? 'Record<string, any>' : 'any';
      const inner = `${indent}  `;
      const required = new Set(schema.required ?? []);
      const lines = properties.map(([name, child]) => {
        const doc = child.description ?? child.title;
        const prefix = doc ? `${inner}/** ${comment(doc)} */\n` : '';
        return `${prefix}${inner}${key(name)}${required.has(name) ? '' : '?'}: ${schemaToTs(child, inner, depth + 1)};`;
      });
      if (schema.additionalProperties !== false && schema.additionalProperties !== undefined) lines.push(`${inner}[key: string]: any;`);
      return `{\n${lines.join('\n')}\n${indent}}`;
    }
    default: return 'any';
  }
}

function outPortType(manifest: Manifest | undefined, port: string): string {
  const schema = manifest?.outPorts.find((candidate) => candidate.name === port)?.schema;
  return schemaToTs(schema, '  ');
}

/** The extra lib for the component `componentId`, from the current graph and manifests. */
export function buildInputTypings(
  componentId: string,
  nodes: ReadonlyMap<string, ComponentNode>,
  edges: readonly FlowEdge[],
  manifests: Readonly<Record<string, Manifest>>,
): string {
  const manifestOf = (id: string): Manifest | undefined => {
    const type = nodes.get(id)?.data.type;
    return type === undefined ? undefined : manifests[type];
  };
  const incoming = edges.filter((edge) => edge.target === componentId && nodes.has(edge.source));
  const inputs = [...new Set(incoming.map((edge) => `${edge.source}\u0000${portOfHandle(edge.sourceHandle)?.port ?? 'out'}`))].map((pair) => {
    const [source = '', port = 'out'] = pair.split('\u0000');
    return outPortType(manifestOf(source), port);
  });
  const input = inputs.length === 0 ? 'any' : [...new Set(inputs)].join(' | ');

  const ancestors = listAncestors(componentId, edges).flatMap((id) => {
    const node = nodes.get(id);
    if (node === undefined) return [];
    const manifest = manifestOf(id);
    const ports = (manifest?.outPorts ?? []).map((port) => `    ${key(port.name)}: ${schemaToTs(port.schema, '    ')};`);
    const label = node.data.label ?? manifest?.label ?? node.data.type;
    return [`  /** ${comment(label)} (${comment(node.data.type)}) */\n  ${key(id)}: {\n${ports.join('\n')}\n  };`];
  });

  return `/** What arrives on the in-port: the output of a component wired into this one. */
type WeftInput = ${input};

/** The outputs of every earlier component, by component id and out-port (as in \`$.<id>.<port>\`). */
type WeftAncestors = {
${ancestors.join('\n')}
};

/** Where the code runs. */
type WeftContext = { flowId: string; componentId: string; correlationId?: string };

/**
 * The component's entry point: what it returns is sent on (return nothing to send nothing).
 * Annotate it to get completions: \`/** @type {WeftRun} *\\/\` above \`async function run(input, context)\`.
 */
type WeftRun = (input: WeftInput, context: WeftContext) => unknown;

/** Lines written here appear in the component's logs and under a test run's result. */
declare const console: {
  log(...data: unknown[]): void;
  info(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
};
`;
}
