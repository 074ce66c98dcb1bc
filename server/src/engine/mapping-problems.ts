/** @module Mapping problems: what each component type finds wrong in the mappings of the connections into it. */
import type { ComponentDefinition } from '@weft/connector-kit';
import type { FlowProblem } from '@weft/flow';

type Lambdas = Record<string, Record<string, Record<string, { lambda?: unknown } | undefined>>>;

/** Runs `validateMapping` of each component's type on every mapping into it; paths point into the descriptor. */
export function mappingProblems(flow: Record<string, unknown>, definitionOf: (type: string) => ComponentDefinition | undefined): FlowProblem[] {
  const problems: FlowProblem[] = [];
  for (const [componentId, component] of Object.entries(flow)) {
    const { type, config } = (component ?? {}) as { type?: unknown; config?: { transform?: unknown } };
    const behaviour = typeof type === 'string' ? definitionOf(type)?.behaviour : undefined;
    if (!behaviour?.validateMapping || typeof config?.transform !== 'object' || config.transform === null) continue;
    for (const [inPort, bySource] of Object.entries(config.transform as Lambdas)) {
      for (const [sourceId, byOutPort] of Object.entries(bySource ?? {})) {
        for (const [outPort, edge] of Object.entries(byOutPort ?? {})) {
          const lambda = edge?.lambda;
          if (typeof lambda !== 'object' || lambda === null || Array.isArray(lambda)) continue;
          for (const problem of behaviour.validateMapping({ inPort, sourceId, outPort, lambda: lambda as Record<string, unknown> })) {
            const path = ['flow', componentId, 'config', 'transform', inPort, sourceId, outPort, ...problem.field].join('.');
            problems.push({ code: problem.code, message: problem.message, path, componentId });
          }
        }
      }
    }
  }
  return problems;
}
