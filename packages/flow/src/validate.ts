/** @module Save-time validation: every problem of a flow descriptor against the manifests of its component types, at once. */
import type { JsonSchema, Manifest } from '@weft/connector-kit';
import { createModifierRegistry, findVariables } from '@weft/variables';
import type { z } from 'zod';
import { FlowDescriptor, type FlowComponent } from './descriptor.ts';
import { componentNames } from './component-names.ts';
import { ancestryOf, findCycles } from './graph.ts';

export interface FlowProblem {
  /** Stable, e.g. `port.unknown`; the designer keys its help text and highlighting on it. */
  code: string;
  message: string;
  /** Where in the descriptor, dotted: `flow.a1.source.in.b2`. */
  path: string;
  componentId?: string;
}

export type ManifestLookup = (type: string) => Manifest | undefined;

export interface ValidateOptions {
  /** Modifiers the flow may use; the built-ins when left out. */
  modifiers?: { has(name: string): boolean };
}

/** Parse unknown JSON into a descriptor, turning schema issues into `flow.schema` problems. */
export function parseFlow(json: unknown): { ok: true; value: FlowDescriptor } | { ok: false; problems: FlowProblem[] } {
  const parsed = FlowDescriptor.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const [first] = issue.path;
      const problem: FlowProblem = { code: 'flow.schema', message: describeIssue(issue), path: ['flow', ...issue.path.map(String)].join('.') };
      if (typeof first === 'string') problem.componentId = first;
      return problem;
    }),
  };
}

/** Every problem of the flow, in descriptor order; `[]` when it can be saved. */
export function validateFlow(flow: FlowDescriptor, manifests: ManifestLookup, options: ValidateOptions = {}): FlowProblem[] {
  const modifiers = options.modifiers ?? createModifierRegistry();
  const problems: FlowProblem[] = [];
  const report = (componentId: string, code: string, path: string[], message: string): void => {
    problems.push({ code, message, path: ['flow', componentId, ...path].join('.'), componentId });
  };

  // Messages name components by label (ids are UUIDs); `componentId` and `path` keep the id for machines.
  const names = componentNames(flow, (type) => manifests(type)?.label);
  const name: NameOf = (id) => names.get(id) ?? id;
  const variables = findMappedVariables(flow);
  const isAncestor = ancestryOf(flow, variables.readIds);
  for (const [id, component] of Object.entries(flow)) {
    const manifest = manifests(component.type);
    if (manifest === undefined) {
      report(id, 'component.unknown_type', ['type'], `"${name(id)}" uses the component type "${component.type}", which is not installed`);
    } else {
      checkProperties(name, id, component, manifest, report);
    }
    checkSources(name, flow, id, component, manifest, manifests, report);
    checkTransforms(name, flow, id, component, manifest, manifests, { modifiers, isAncestor, variables: variables.byLambda }, report);
  }
  checkCycles(name, flow, manifests, report);
  return problems;
}

type NameOf = (componentId: string) => string;
type Report = (componentId: string, code: string, path: string[], message: string) => void;
type FoundVariables = ReturnType<typeof findVariables>;

/**
 * The variables of every mapping that belongs to a connection, found once, and the components they
 * read: the ancestry is then worked out for those components only, in one pass over the graph.
 */
function findMappedVariables(flow: FlowDescriptor): { byLambda: Map<unknown, FoundVariables>; readIds: Set<string> } {
  const byLambda = new Map<unknown, FoundVariables>();
  const readIds = new Set<string>();
  for (const component of Object.values(flow)) {
    for (const [inPort, bySource] of Object.entries(component.config.transform)) {
      for (const [sourceId, byOutPort] of Object.entries(bySource)) {
        for (const [outPort, edgeTransform] of Object.entries(byOutPort)) {
          if (!(component.source[inPort]?.[sourceId] ?? []).includes(outPort)) continue;
          const found = findVariables(edgeTransform.lambda);
          byLambda.set(edgeTransform, found);
          for (const ref of found.refs) readIds.add(ref.componentId);
        }
      }
    }
  }
  return { byLambda, readIds };
}

function checkProperties(name: NameOf, id: string, component: FlowComponent, manifest: Manifest, report: Report): void {
  for (const field of missingRequired(manifest.properties?.schema, component.config.properties)) {
    report(id, 'property.required', ['config', 'properties', ...field], `"${name(id)}" needs the property "${field.join('.')}"`);
  }
}

function checkSources(name: NameOf, flow: FlowDescriptor, id: string, component: FlowComponent, manifest: Manifest | undefined, manifests: ManifestLookup, report: Report): void {
  for (const [inPort, sources] of Object.entries(component.source)) {
    if (manifest !== undefined && !manifest.inPorts.some((port) => port.name === inPort)) {
      if (manifest.outPorts.some((port) => port.name === inPort)) {
        report(id, 'port.wrong_direction', ['source', inPort], `"${inPort}" is an output of "${name(id)}", so nothing can be connected into it`);
      } else {
        report(id, 'port.unknown', ['source', inPort], `"${name(id)}" (${component.type}) has no input port "${inPort}"; it has ${portList(manifest.inPorts)}`);
      }
    }
    for (const [sourceId, outPorts] of Object.entries(sources)) {
      const source = flow[sourceId];
      if (source === undefined || !Object.hasOwn(flow, sourceId)) {
        report(id, 'edge.missing_component', ['source', inPort, sourceId], `"${name(id)}" is connected from "${name(sourceId)}", which is not in the flow`);
        continue;
      }
      const sourceManifest = manifests(source.type);
      const seen = new Set<string>();
      for (const outPort of outPorts) {
        const path = ['source', inPort, sourceId, outPort];
        if (seen.has(outPort)) {
          report(id, 'edge.duplicate', path, `"${name(sourceId)}.${outPort}" is connected to "${name(id)}.${inPort}" more than once`);
          continue;
        }
        seen.add(outPort);
        if (sourceManifest === undefined || sourceManifest.outPorts.some((port) => port.name === outPort)) continue;
        if (sourceManifest.inPorts.some((port) => port.name === outPort)) {
          report(id, 'port.wrong_direction', path, `"${outPort}" is an input of "${name(sourceId)}", so it cannot send to "${name(id)}"`);
        } else {
          report(id, 'port.unknown', path, `"${name(sourceId)}" (${source.type}) has no output port "${outPort}"; it has ${portList(sourceManifest.outPorts)}`);
        }
      }
    }
  }
}

function checkTransforms(
  name: NameOf,
  flow: FlowDescriptor,
  id: string,
  component: FlowComponent,
  manifest: Manifest | undefined,
  manifests: ManifestLookup,
  known: { modifiers: { has(name: string): boolean }; isAncestor: (ancestor: string, id: string) => boolean; variables: Map<unknown, FoundVariables> },
  report: Report,
): void {
  const { modifiers, isAncestor } = known;
  const transforms = component.config.transform;

  // Required input fields: every edge into a known in-port must map them.
  for (const [inPort, sources] of Object.entries(component.source)) {
    const schema = manifest?.inPorts.find((port) => port.name === inPort)?.schema;
    for (const [sourceId, outPorts] of Object.entries(sources)) {
      for (const outPort of new Set(outPorts)) {
        const lambda = transforms[inPort]?.[sourceId]?.[outPort]?.lambda;
        for (const field of missingRequired(schema, lambda ?? {})) {
          report(
            id,
            'input.required',
            ['config', 'transform', inPort, sourceId, outPort, ...field],
            lambda === undefined
              ? `the connection from "${name(sourceId)}.${outPort}" to "${name(id)}.${inPort}" has no mapping, so the required field "${field.join('.')}" gets no value`
              : `the mapping from "${name(sourceId)}.${outPort}" to "${name(id)}.${inPort}" gives no value to the required field "${field.join('.')}"`,
          );
        }
      }
    }
  }

  for (const [inPort, bySource] of Object.entries(transforms)) {
    for (const [sourceId, byOutPort] of Object.entries(bySource)) {
      for (const [outPort, edgeTransform] of Object.entries(byOutPort)) {
        const base = ['config', 'transform', inPort, sourceId, outPort];
        if (!(component.source[inPort]?.[sourceId] ?? []).includes(outPort)) {
          report(id, 'transform.orphan', base, `"${name(id)}" has a mapping for "${name(sourceId)}.${outPort}" → "${inPort}", but no such connection`);
          continue;
        }
        const { refs, errors } = known.variables.get(edgeTransform) ?? findVariables(edgeTransform.lambda);
        for (const error of errors) {
          report(id, error.code === 'variable.too_deep' ? 'variable.too_deep' : 'variable.malformed', [...base, ...splitAt(error.at)], `${error.message}${error.offset === undefined ? '' : ` (at character ${error.offset})`}`);
        }
        for (const ref of refs) {
          const path = [...base, ...splitAt(ref.at)];
          if (!isAncestor(ref.componentId, id)) {
            report(
              id,
              'variable.not_ancestor',
              path,
              Object.hasOwn(flow, ref.componentId)
                ? `{{{${ref.raw.trim()}}}} reads "${name(ref.componentId)}", which does not run before "${name(id)}"`
                : `{{{${ref.raw.trim()}}}} reads "${name(ref.componentId)}", which is not in the flow`,
            );
          } else {
            const ancestor = flow[ref.componentId];
            const ancestorManifest = ancestor === undefined ? undefined : manifests(ancestor.type);
            if (ancestorManifest !== undefined && !ancestorManifest.outPorts.some((port) => port.name === ref.port)) {
              report(id, 'variable.unknown_port', path, `{{{${ref.raw.trim()}}}} reads the port "${ref.port}", but "${name(ref.componentId)}" has ${portList(ancestorManifest.outPorts, 'output')}`);
            }
          }
          for (const call of ref.modifiers) {
            if (!modifiers.has(call.name)) report(id, 'modifier.unknown', path, `{{{${ref.raw.trim()}}}} uses the modifier "${call.name}", which does not exist`);
          }
        }
      }
    }
  }
}

function checkCycles(name: NameOf, flow: FlowDescriptor, manifests: ManifestLookup, report: Report): void {
  for (const cycle of findCycles(flow)) {
    const loop = [...cycle, cycle[0]!].map(name).join(' → ');
    for (const id of cycle) {
      const type = flow[id]?.type;
      const manifest = type === undefined ? undefined : manifests(type);
      if (manifest === undefined || manifest.allowCycles === true) continue;
      report(id, 'flow.cycle', [], `"${name(id)}" sits on the loop ${loop}, but ${manifest.label} (${manifest.name}) may not be part of a loop`);
    }
  }
}

/**
 * Required fields with no value (missing, null or empty text), as paths. Where the value is a
 * literal object, its own required fields are checked too; a variable standing for the whole
 * object cannot be checked before the flow runs.
 */
function missingRequired(schema: JsonSchema | undefined, value: unknown, prefix: string[] = []): string[][] {
  if (schema === undefined) return [];
  const record = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const missing: string[][] = [];
  for (const field of schema.required ?? []) {
    const fieldValue = Object.hasOwn(record, field) ? record[field] : undefined;
    if (fieldValue === undefined || fieldValue === null || fieldValue === '') missing.push([...prefix, field]);
  }
  for (const [field, fieldSchema] of Object.entries(schema.properties ?? {})) {
    const fieldValue = record[field];
    if (Object.hasOwn(record, field) && fieldValue !== null && typeof fieldValue === 'object' && !Array.isArray(fieldValue)) {
      missing.push(...missingRequired(fieldSchema, fieldValue, [...prefix, field]));
    }
  }
  return missing;
}

/** zod says only "Invalid key in record" for a bad key; name the key and say what a key looks like. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'invalid_key') return issue.message;
  const key = String(issue.path[issue.path.length - 1] ?? '');
  const reason = issue.issues[0]?.message;
  return `"${key}" is not a valid name${reason === undefined ? '' : `: ${reason}`}`;
}

function splitAt(at: string): string[] {
  return at === '' ? [] : at.split('.');
}

function portList(ports: { name: string }[], kind = ''): string {
  if (ports.length === 0) return `no ${kind === '' ? '' : `${kind} `}ports`;
  return ports.map((port) => `"${port.name}"`).join(', ');
}
