/**
 * @module Checked flows: what parsing and validating a big descriptor gave, remembered by its
 * content, so that the same descriptor is not checked again.
 *
 * A 1,000-component flow is checked when it is saved, each time the designer validates it, when
 * it is published and when it starts (the start publishes a changed draft first: twice); its text
 * does not change in between. The key is a digest of the descriptor's JSON (under 1 ms at 1,000
 * components when its text is known, see ports/descriptor-json.ts, against ~100 ms of checking), so a draft read back from the Store, its published
 * copy and the value saved all find the same entry, whichever object holds them. What else a
 * validation depends on (the component types and modifiers installed) goes into the key too.
 */
import { createHash } from 'node:crypto';
import { descriptorJson } from '../ports/descriptor-json.ts';

/** Keys already computed, by descriptor object: one request often checks the same object twice (publish, then start). */
const keys = new WeakMap<object, string>();

/**
 * The digest of a descriptor's JSON; descriptors with the same text (key order included) share it.
 * Remembered per object: descriptors are not changed in place (a change is a new descriptor).
 */
export function contentKey(flow: unknown): string {
  const known = typeof flow === 'object' && flow !== null ? keys.get(flow) : undefined;
  if (known !== undefined) return known;
  const key = createHash('sha1').update(descriptorJson(flow) ?? '').digest('base64');
  if (typeof flow === 'object' && flow !== null) keys.set(flow, key);
  return key;
}

/** The most recently used `capacity` answers by key; a failed answer is forgotten, to be asked again. */
export class CheckedFlows<T> {
  readonly #entries = new Map<string, Promise<T>>();

  constructor(private readonly capacity = 8) {}

  get size(): number {
    return this.#entries.size;
  }

  /** The answer remembered for `key`, else `check()`'s (remembered, while another call may already wait for it). */
  get(key: string, check: () => Promise<T>): Promise<T> {
    let answer = this.#entries.get(key);
    if (answer !== undefined) {
      // Most recently used last: the first key is the one to drop.
      this.#entries.delete(key);
    } else {
      answer = check();
      answer.catch(() => {
        if (this.#entries.get(key) === answer) this.#entries.delete(key);
      });
    }
    this.#entries.set(key, answer);
    while (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
    return answer;
  }

  /** Remember an answer found some other way (a descriptor parsed on save). */
  set(key: string, value: T): void {
    this.#entries.delete(key);
    this.#entries.set(key, Promise.resolve(value));
    while (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
  }

  /** The answer for `key` if one is remembered. */
  peek(key: string): Promise<T> | undefined {
    return this.#entries.get(key);
  }
}
