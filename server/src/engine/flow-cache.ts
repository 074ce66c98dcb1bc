/** @module Flow cache: parsed descriptors and their edge index, keyed by flow id; the published one and the draft. */
import { componentNames, FlowDescriptor, type TypeLabelLookup } from '@weft/flow';
import { hasPublishedFlow, isStampOf, type FlowRecord, type Store } from '../ports/store.ts';
import { LoopSlices } from './loop-slices.ts';
import { indexLambdaReads, indexOutEdges, indexOutEdgesInto, type OutEdges } from './routes-plan.ts';

export interface LoadedFlow {
  record: FlowRecord;
  /** The published descriptor (what real messages run), or the draft for test runs; see `FlowCache.get`. */
  descriptor: FlowDescriptor;
  outEdges: OutEdges;
  /** `reads[senderId]`: the outputs its out edges' mappings read (see run-values.ts). */
  reads: Record<string, (readonly [string, string])[]>;
  /** What messages call each component: its label, unique in the flow (see `componentNames`). */
  names: ReadonlyMap<string, string>;
  /** The owner's account is disabled: the flow accepts no webhook call and runs no message. */
  ownerDisabled: boolean;
}

interface Entry {
  record: FlowRecord | undefined;
  ownerDisabled: boolean;
  loadedAt: number;
  live: LoadedFlow | undefined;
  /** Parsed on first use: only test runs read it. */
  draft?: LoadedFlow | undefined;
}

/**
 * Several processes may share one Store, so an entry is trusted for `ttlMs` only; this process
 * invalidates its own entries at once when it changes a flow. One Store read serves both the
 * published descriptor and the draft.
 */
export class FlowCache {
  readonly #entries = new Map<string, Entry>();
  /**
   * Loads under way, so that callers asking at once share one (a big flow's load is a Store read,
   * a parse and tens of ms of indexing). Invalidating a flow drops its load: it is not kept.
   */
  readonly #loading = new Map<string, Promise<Entry>>();
  /** Whether each owner is disabled, read with the same freshness: one read per user, not per flow. */
  readonly #owners = new Map<string, { disabled: boolean; loadedAt: number }>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly ttlMs = 1000,
    private readonly typeLabel?: TypeLabelLookup,
    /** Parses a big descriptor elsewhere (off the event loop); undefined: parse it in place. */
    private readonly parseBig?: (json: Record<string, unknown>) => Promise<FlowDescriptor | undefined>,
  ) {}

  /**
   * The flow as real messages run it: its published descriptor (a flow never published runs its
   * draft, but only test messages run on a flow that is not running). `draft`: the draft, for
   * test runs (messages marked `test`).
   */
  async get(flowId: string, draft = false): Promise<LoadedFlow | undefined> {
    let entry = this.#entries.get(flowId);
    if (!entry || this.now() - entry.loadedAt >= this.ttlMs) {
      let loading = this.#loading.get(flowId);
      if (loading === undefined) {
        const load = this.#load(flowId, entry, () => this.#loading.get(flowId) === loading);
        loading = load;
        this.#loading.set(flowId, load);
        const done = () => {
          if (this.#loading.get(flowId) === load) this.#loading.delete(flowId);
        };
        load.then(done, done);
      }
      entry = await loading;
    }
    if (!draft) return entry.live;
    if (entry.draft === undefined && entry.record) entry.draft = !hasPublishedFlow(entry.record) ? entry.live : load(entry.record, entry.record.flow, entry.ownerDisabled, this.typeLabel);
    return entry.draft;
  }

  /**
   * Whether `flow` (from `get`) is still what this process knows of the flow, however old: false
   * once this process changed, stopped or reloaded it. Reads no Store (a message held until its due
   * time asks, thousands at once).
   */
  isCurrent(flowId: string, flow: LoadedFlow): boolean {
    const entry = this.#entries.get(flowId);
    return entry !== undefined && (entry.live === flow || entry.draft === flow);
  }

  invalidate(flowId: string): void {
    this.#entries.delete(flowId);
    this.#loading.delete(flowId);
  }

  /** Reads and loads the flow; the entry is kept only if the load is still the current one (`isCurrent`). */
  async #load(flowId: string, previous: Entry | undefined, isCurrent: () => boolean): Promise<Entry> {
    const slices = new LoopSlices();
    const record = await this.#read(flowId, previous?.record);
    const ownerDisabled = record ? await this.#isDisabled(record.userId) : false;
    const reused = record !== undefined && previous?.record !== undefined && liveKey(previous.record) === liveKey(record);
    const parsed = record && !reused && this.parseBig ? await this.parseBig(record.publishedFlow ?? record.flow) : undefined;
    // Reading a big descriptor (parsing its text) counts in the first slice of indexing it.
    const entry = await fresh(record, ownerDisabled, this.now(), previous, this.typeLabel, parsed, slices);
    if (isCurrent()) this.#entries.set(flowId, entry);
    return entry;
  }

  /**
   * The stored record; `known` itself while the Store's stamp says it is still the stored one: a
   * big flow's record is hundreds of KB to read (~2–8 ms of the event loop at 1,000 components),
   * every `ttlMs` while it runs.
   */
  async #read(flowId: string, known: FlowRecord | undefined): Promise<FlowRecord | undefined> {
    if (known !== undefined && this.store.getFlowStamp !== undefined) {
      const stamp = await this.store.getFlowStamp(flowId);
      if (stamp !== undefined && isStampOf(known, stamp)) return known;
    }
    return this.store.getFlow(flowId);
  }

  /** The user was disabled or enabled here: forget what this process knew of them and their flows. */
  invalidateUser(userId: string): void {
    this.#owners.delete(userId);
    for (const [flowId, entry] of this.#entries) if (entry.record?.userId === userId) this.#entries.delete(flowId);
    // Whose flows are loading is not known yet: none of them is kept.
    this.#loading.clear();
  }

  async #isDisabled(userId: string): Promise<boolean> {
    const cached = this.#owners.get(userId);
    if (cached && this.now() - cached.loadedAt < this.ttlMs) return cached.disabled;
    const disabled = (await this.store.getUser(userId))?.disabled === true;
    this.#owners.set(userId, { disabled, loadedAt: this.now() });
    return disabled;
  }
}

/** A reloaded record reuses what was parsed before when the descriptor it comes from is the same. */
async function fresh(record: FlowRecord | undefined, ownerDisabled: boolean, loadedAt: number, previous: Entry | undefined, typeLabel: TypeLabelLookup | undefined, parsed: FlowDescriptor | undefined, slices: LoopSlices): Promise<Entry> {
  if (!record) return { record, ownerDisabled, loadedAt, live: undefined };
  const before = previous?.record;
  const sameLive = before !== undefined && liveKey(before) === liveKey(record);
  const sameDraft = before !== undefined && before.version === record.version;
  const live = sameLive && previous?.live ? { ...previous.live, record, ownerDisabled } : await loadInSlices(record, record.publishedFlow ?? record.flow, ownerDisabled, typeLabel, parsed, slices);
  const entry: Entry = { record, ownerDisabled, loadedAt, live };
  // Asked without reading them: a record reloaded every second (its TTL) while a big flow runs
  // would otherwise parse its published descriptor each time, only to reuse what was loaded.
  if (!hasPublishedFlow(record)) entry.draft = live;
  else if (sameDraft && previous?.draft && hasPublishedFlow(before)) entry.draft = { ...previous.draft, record, ownerDisabled };
  return entry;
}

/** What identifies the live descriptor: the published version, or the draft's while never published. */
function liveKey(record: FlowRecord): string {
  return record.publishedVersion !== undefined ? `p${record.publishedVersion}` : `d${record.version}`;
}

/** Parse a descriptor of `record` (its published one or its draft) and index its edges. */
export function load(record: FlowRecord, json: Record<string, unknown>, ownerDisabled: boolean, typeLabel?: TypeLabelLookup, parsed?: FlowDescriptor): LoadedFlow {
  const descriptor = parsed ?? parseOrEmpty(json);
  const outEdges = indexOutEdges(descriptor);
  return { record, descriptor, outEdges, reads: indexLambdaReads(outEdges), names: componentNames(json, typeLabel), ownerDisabled };
}

/** Senders whose mapped variables are indexed between two looks at the clock. */
const READS_CHUNK = 50;

/**
 * `load`, giving the event loop a turn between slices of a few ms: indexing a 1,000-component
 * flow's mapped variables alone holds the thread for tens of ms. A small flow is loaded at once.
 * `slices`: those of the work before it (reading the record), whose time counts in the first slice.
 */
export async function loadInSlices(record: FlowRecord, json: Record<string, unknown>, ownerDisabled: boolean, typeLabel?: TypeLabelLookup, parsed?: FlowDescriptor, slices = new LoopSlices()): Promise<LoadedFlow> {
  const pause = async () => {
    const due = slices.due();
    if (due) await due;
  };
  const descriptor = parsed ?? parseOrEmpty(json);
  await pause();
  const indexed = indexes.get(descriptor);
  if (indexed !== undefined) return { record, descriptor, ...indexed, names: componentNames(json, typeLabel), ownerDisabled };
  const outEdges: OutEdges = {};
  const targets = Object.entries(descriptor);
  for (let i = 0; i < targets.length; i += READS_CHUNK) {
    indexOutEdgesInto(outEdges, targets.slice(i, i + READS_CHUNK));
    await pause();
  }
  // Each sender's reads depend on its own out edges only: indexed a chunk of senders at a time.
  const reads: LoadedFlow['reads'] = {};
  const senders = Object.entries(outEdges);
  for (let i = 0; i < senders.length; i += READS_CHUNK) {
    Object.assign(reads, indexLambdaReads(Object.fromEntries(senders.slice(i, i + READS_CHUNK))));
    await pause();
  }
  indexes.set(descriptor, { outEdges, reads });
  return { record, descriptor, outEdges, reads, names: componentNames(json, typeLabel), ownerDisabled };
}

/**
 * The edge index of a parsed descriptor (a function of it alone), kept as long as the descriptor
 * is. A big flow's parsed descriptor is one object for as long as the engine remembers it by
 * content (`Engine.#parseOffLoop`), so the flow cache's reload after a stop, a publish or a start
 * finds its index instead of indexing 1,000 components again (~30 ms of the event loop, in slices).
 * Neither the index nor the descriptor is changed once made.
 */
const indexes = new WeakMap<FlowDescriptor, Pick<LoadedFlow, 'outEdges' | 'reads'>>();

function parseOrEmpty(json: Record<string, unknown>): FlowDescriptor {
  const parsed = FlowDescriptor.safeParse(json);
  return parsed.success ? parsed.data : {};
}
