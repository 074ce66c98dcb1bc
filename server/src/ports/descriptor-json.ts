/**
 * @module Descriptor JSON: the text a flow descriptor was read from (a Store's row, the flow
 * checks thread's answer), kept beside the parsed object, so that sizing it
 * (`WEFT_FLOW_MAX_BYTES`), digesting it (engine/checked-flows.ts) and handing it to the flow checks
 * thread do not stringify it again: ~7 ms each on the event loop at 1,000 components.
 *
 * Descriptors are not changed in place (a change is a new descriptor, as checked-flows.ts already
 * relies on), so a text remembered for an object stays its `JSON.stringify`. Stores still write
 * what they are given, stringified: nothing durable depends on this.
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
