/** @module Flow cache: parsed descriptors and their edge index, keyed by flow id and version. */
import { componentNames, FlowDescriptor, type TypeLabelLookup } from '@weft/flow';
import type { FlowRecord, Store } from '../ports/store.ts';
import { indexLambdaReads, indexOutEdges, type OutEdges } from './routes-plan.ts';

export interface LoadedFlow {
  record: FlowRecord;
  descriptor: FlowDescriptor;
  outEdges: OutEdges;
  /** `reads[senderId]`: the outputs its out edges' mappings read (see run-values.ts). */
  reads: Record<string, (readonly [string, string])[]>;
  /** What messages call each component: its label, unique in the flow (see `componentNames`). */
  names: ReadonlyMap<string, string>;
  /** The owner's account is disabled: the flow accepts no webhook call and runs no message. */
  ownerDisabled: boolean;
}

/**
 * Several processes may share one Store, so an entry is trusted for `ttlMs` only; this process
 * invalidates its own entries at once when it changes a flow.
 */
export class FlowCache {
  readonly #entries = new Map<string, { flow: LoadedFlow | undefined; loadedAt: number }>();
  /** Whether each owner is disabled, read with the same freshness: one read per user, not per flow. */
  readonly #owners = new Map<string, { disabled: boolean; loadedAt: number }>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly ttlMs = 1000,
    private readonly typeLabel?: TypeLabelLookup,
  ) {}

  async get(flowId: string): Promise<LoadedFlow | undefined> {
    const cached = this.#entries.get(flowId);
    if (cached && this.now() - cached.loadedAt < this.ttlMs) return cached.flow;
    const record = await this.store.getFlow(flowId);
    const flow = record ? load(record, cached?.flow, await this.#isDisabled(record.userId), this.typeLabel) : undefined;
    this.#entries.set(flowId, { flow, loadedAt: this.now() });
    return flow;
  }

  invalidate(flowId: string): void {
    this.#entries.delete(flowId);
  }

  /** The user was disabled or enabled here: forget what this process knew of them and their flows. */
  invalidateUser(userId: string): void {
    this.#owners.delete(userId);
    for (const [flowId, entry] of this.#entries) if (entry.flow?.record.userId === userId) this.#entries.delete(flowId);
  }

  async #isDisabled(userId: string): Promise<boolean> {
    const cached = this.#owners.get(userId);
    if (cached && this.now() - cached.loadedAt < this.ttlMs) return cached.disabled;
    const disabled = (await this.store.getUser(userId))?.disabled === true;
    this.#owners.set(userId, { disabled, loadedAt: this.now() });
    return disabled;
  }
}

function load(record: FlowRecord, previous: LoadedFlow | undefined, ownerDisabled: boolean, typeLabel: TypeLabelLookup | undefined): LoadedFlow {
  if (previous && previous.record.version === record.version) return { ...previous, record, ownerDisabled };
  const parsed = FlowDescriptor.safeParse(record.flow);
  const descriptor = parsed.success ? parsed.data : {};
  const outEdges = indexOutEdges(descriptor);
  return { record, descriptor, outEdges, reads: indexLambdaReads(outEdges), names: componentNames(record.flow, typeLabel), ownerDisabled };
}
