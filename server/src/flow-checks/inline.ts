/** @module InlineFlowChecks: the FlowChecks port on the caller's own thread (tests, and the reference the threaded one must match). */
import type { Manifest } from '@weft/connector-kit';
import { parseFlow, validateFlow, type FlowDescriptor, type FlowProblem } from '@weft/flow';
import type { FlowChecks, ParsedFlow } from '../ports/flow-checks.ts';

/** What both adapters run: the worker thread calls these very functions. */
export function parseInPlace(json: unknown): ParsedFlow {
  return parseFlow(json);
}

export function validateInPlace(flow: Record<string, unknown>, manifests: Readonly<Record<string, Manifest>>, modifierNames: readonly string[]): FlowProblem[] {
  const names = new Set(modifierNames);
  return validateFlow(flow as FlowDescriptor, (type) => (Object.hasOwn(manifests, type) ? manifests[type] : undefined), { modifiers: names });
}

export class InlineFlowChecks implements FlowChecks {
  parse(json: unknown): Promise<ParsedFlow> {
    return Promise.resolve(parseInPlace(json));
  }

  validate(flow: Record<string, unknown>, manifests: Readonly<Record<string, Manifest>>, modifierNames: readonly string[]): Promise<FlowProblem[]> {
    return Promise.resolve(validateInPlace(flow, manifests, modifierNames));
  }

  warm(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
