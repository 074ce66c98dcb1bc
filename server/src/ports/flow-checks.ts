/**
 * @module FlowChecks port: parsing and validating a flow descriptor, which a big flow makes heavy
 * (tens of ms of zod and graph walks at 1,000 components), so that it can run off the event loop.
 *
 * Both calls take and return plain data (manifests as values, modifier names as a list): an
 * adapter may run them in another thread. The engine sends only flows above its threshold here;
 * smaller ones are checked in place, where a round trip would cost more than the work.
 */
import type { Manifest } from '@weft/connector-kit';
import type { FlowDescriptor, FlowProblem } from '@weft/flow';

export type ParsedFlow = { ok: true; value: FlowDescriptor } | { ok: false; problems: FlowProblem[] };

export interface FlowChecks {
  /** `parseFlow` of @weft/flow: the descriptor with its defaults, or its `flow.schema` problems. */
  parse(json: unknown): Promise<ParsedFlow>;
  /** `validateFlow` of @weft/flow against these manifests (by type) and modifier names. */
  validate(flow: Record<string, unknown>, manifests: Readonly<Record<string, Manifest>>, modifierNames: readonly string[]): Promise<FlowProblem[]>;
  /**
   * Get ready to answer (a thread loads its modules, ~0.6–2 s under tsx) so that the first big
   * flow does not wait for it; resolves once ready. Calls made meanwhile are answered after it.
   */
  warm(): Promise<void>;
  close(): Promise<void>;
}
