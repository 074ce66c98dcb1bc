/** @module Flow cache: parsed descriptors and their edge index, keyed by flow id and version. */
import { FlowDescriptor } from '@weft/flow';
import type { FlowRecord, Store } from '../ports/store.ts';
import { indexLambdaReads, indexOutEdges, type OutEdges } from './routes-plan.ts';

export interface LoadedFlow {
  record: FlowRecord;
  descriptor: FlowDescriptor;
  outEdges: OutEdges;
  /** `reads[senderId]`: the outputs its out edges' mappings read (see run-values.ts). */
  reads: Record<string, (readonly [string, string])[]>;
}

/**
 * Several processes may share one Store, so an entry is trusted for `ttlMs` only; this process
 * invalidates its own entries at once when it changes a flow.
 */
export class FlowCache {
  readonly #entries = new Map<string, { flow: LoadedFlow | undefined; loadedAt: number }>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly ttlMs = 1000,
  ) {}

  async get(flowId: string): Promise<LoadedFlow | undefined> {
    const cached = this.#entries.get(flowId);
    if (cached && this.now() - cached.loadedAt < this.ttlMs) return cached.flow;
    const record = await this.store.getFlow(flowId);
    const flow = record ? load(record, cached?.flow) : undefined;
    this.#entries.set(flowId, { flow, loadedAt: this.now() });
    return flow;
  }

  invalidate(flowId: string): void {
    this.#entries.delete(flowId);
  }
}

function load(record: FlowRecord, previous: LoadedFlow | undefined): LoadedFlow {
  if (previous && previous.record.version === record.version) return { ...previous, record };
  const parsed = FlowDescriptor.safeParse(record.flow);
  const descriptor = parsed.success ? parsed.data : {};
  const outEdges = indexOutEdges(descriptor);
  return { record, descriptor, outEdges, reads: indexLambdaReads(outEdges) };
}
