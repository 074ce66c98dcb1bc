/**
 * @module Descriptor JSON: the text a flow descriptor was read from (a Store's row, the flow
 * checks thread's answer), kept beside the parsed object, so that sizing it
 * (`WEFT_FLOW_MAX_BYTES`), digesting it (engine/checked-flows.ts) and handing it to the flow checks
 * thread do not stringify it again: ~7 ms each on the event loop at 1,000 components.
 *
 * Descriptors are not changed in place (a change is a new descriptor, as checked-flows.ts already
 * relies on), so a text remembered for an object stays its `JSON.stringify`, and one parsed
 * object may serve every reader of the same text (`parseDescriptorJson`). Stores write the text
 * remembered for what they are given, else its `JSON.stringify`: the same bytes.
 */

const texts = new WeakMap<object, string>();

/** `json` is `JSON.stringify(flow)` (the text `flow` was just parsed from, or stringified to). */
export function rememberDescriptorJson(flow: object, json: string): void {
  texts.set(flow, json);
}

/** `JSON.stringify(flow)`, from the text remembered for it when there is one (then remembered). */
export function descriptorJson(flow: unknown): string | undefined {
  if (typeof flow !== 'object' || flow === null) return JSON.stringify(flow);
  let json = texts.get(flow);
  if (json === undefined) {
    json = JSON.stringify(flow);
    texts.set(flow, json);
  }
  return json;
}

/**
 * `derive`, kept per descriptor object: a descriptor is not changed in place, so what is derived
 * from it alone stays true for as long as the object lives, and a big one is one object for every
 * request that reads the same text (`parseDescriptorJson`), each of which would derive it again.
 */
export function perDescriptor<T>(derive: (flow: Record<string, unknown>) => T): (flow: Record<string, unknown>) => T {
  const derived = new WeakMap<object, T>();
  return (flow) => {
    if (derived.has(flow)) return derived.get(flow) as T;
    const value = derive(flow);
    derived.set(flow, value);
    return value;
  };
}

/** Texts at least this long are parsed once while they are recent (`parseDescriptorJson`); shorter ones parse in well under a ms. */
export const REUSE_PARSED_ABOVE = 64 * 1024;
/** The recent big texts kept with their parsed descriptors, in all (characters); their objects take ~2× on the heap. */
const REUSE_PARSED_CHARS = 4 * 1024 * 1024;

/**
 * Big descriptors recently parsed from their text, by that text, most recently used last. A
 * 1,000-component flow's text is read and parsed for each request that touches it (validate, start
 * and its publish, the flow cache's load, stop, each answer): ~8–15 ms of the event loop and ~0.5 MB
 * of garbage each time, for the same text. A map lookup by a long string hashes its length only
 * (V8) and compares the text: ~10 µs at 250 KB.
 */
const parsedByText = new Map<string, object>();

/** Under the test runner every parsed descriptor is frozen, not only the shared big ones. */
const FREEZE_ALL = process.env.VITEST !== undefined;

/**
 * A shared descriptor is frozen, all the way down: a change in place would reach every other reader
 * of the same text (another user's flow with the same text included), so it throws instead. ~1 ms at
 * 1,000 components, once per parse. Iterative: a descriptor's nesting is the user's to choose.
 */
function freezeDeep(root: object): void {
  const stack: object[] = [root];
  for (let value = stack.pop(); value !== undefined; value = stack.pop()) {
    if (Object.isFrozen(value)) continue;
    Object.freeze(value);
    for (const key in value) {
      const child = (value as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
}
let parsedChars = 0;

/**
 * `JSON.parse(json)`, its text remembered (`descriptorJson`). A big descriptor parsed from the same
 * text lately is that same object, not parsed again: callers share it, and must not change it in
 * place (none does: a change is a new descriptor).
 */
export function parseDescriptorJson(json: string): unknown {
  if (json.length < REUSE_PARSED_ABOVE) {
    const value = JSON.parse(json) as unknown;
    if (typeof value === 'object' && value !== null) {
      rememberDescriptorJson(value, json);
      // The suites prove the rule on every descriptor they read, small ones included.
      if (FREEZE_ALL) freezeDeep(value);
    }
    return value;
  }
  const known = parsedByText.get(json);
  if (known !== undefined) {
    parsedByText.delete(json);
    parsedByText.set(json, known);
    return known;
  }
  const value = JSON.parse(json) as unknown;
  if (typeof value !== 'object' || value === null) return value;
  rememberDescriptorJson(value, json);
  freezeDeep(value);
  parsedByText.set(json, value);
  parsedChars += json.length;
  for (const text of parsedByText.keys()) {
    if (parsedChars <= REUSE_PARSED_CHARS || parsedByText.size === 1) break;
    parsedByText.delete(text);
    parsedChars -= text.length;
  }
  return value;
}
