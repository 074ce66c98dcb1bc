/** @module Apply chain: runs a modifier chain on one value, for the modifier tests and examples. */
import { evaluateTemplate } from '../evaluate.ts';

/** The raw result of `{{{$.a.out | <chain>}}}` with `input` as `$.a.out`. */
export async function evaluateChain(input: unknown, chain: string) {
  return evaluateTemplate(`{{{$.a.out | ${chain}}}}`, { a: { out: input } });
}

/** The value of the chain; a failure throws with its code, so a test shows what went wrong. */
export async function applyChain(input: unknown, chain: string): Promise<unknown> {
  const result = await evaluateChain(input, chain);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}
