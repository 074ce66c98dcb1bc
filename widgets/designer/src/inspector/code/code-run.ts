/** @module Code run: the `POST /modifiers/test` body for a JavaScript component's code, and its answer as text. */
import type { ModifierTestResult, TestModifierBody } from '@weft/api-client';

/**
 * The server calls `entry(value, ...args)`, so the sample input goes in `value` and the context is
 * the one argument: `run(input, { flowId, componentId })`, as the JavaScript component calls it.
 */
export function runCodeBody(
  code: string,
  sampleJson: string,
  context: { flowId: string; componentId: string },
): { ok: true; body: TestModifierBody } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = sampleJson.trim() === '' ? {} : JSON.parse(sampleJson);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, body: { source: code, entry: 'run', args: [context], value } };
}

export type RunOutcome =
  | { ok: true; text: string; durationMs: number; logs: readonly string[] }
  | { ok: false; text: string; line?: number | undefined; logs: readonly string[] };

export function describeRunResult(result: ModifierTestResult): RunOutcome {
  if (result.ok) return { ok: true, text: JSON.stringify(result.value, null, 2) ?? 'undefined', durationMs: result.durationMs, logs: result.logs };
  return { ok: false, text: `${result.error.code}: ${result.error.message}`, line: result.error.line, logs: result.logs ?? [] };
}
