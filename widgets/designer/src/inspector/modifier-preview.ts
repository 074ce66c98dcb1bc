/**
 * @module Modifier preview: the modifier catalogue (built-ins plus the engine's custom modifiers) and
 * the result of a chain on a sample value: built-in steps evaluated here with `@weft/variables`,
 * custom steps by the engine (`POST /modifiers/test` with `{ name, args, value }`).
 */
import { builtinModifiers, evaluateTemplate, type ModifierDefinition } from '@weft/variables';
import type { ModifierInfo, ModifierTestResult, TestModifierBody } from '@weft/api-client';
import { formatVariable, type ModifierStep } from './variable-expression.ts';

/** One modifier the chain can offer, built-in or custom. */
export type ModifierEntry = Pick<ModifierDefinition, 'name' | 'label' | 'category' | 'description' | 'args'> & { custom: boolean };

export const builtinEntries: readonly ModifierEntry[] = builtinModifiers.map(({ name, label, category, description, args }) => ({ name, label, category, description, args, custom: false }));

/** Built-ins first; custom modifiers of `GET /modifiers` after them (a custom one never hides a built-in). */
export function mergeCatalog(custom: readonly ModifierInfo[]): Map<string, ModifierEntry> {
  const map = new Map(builtinEntries.map((entry) => [entry.name, entry]));
  for (const info of custom) {
    if (!info.custom || map.has(info.name)) continue;
    map.set(info.name, { name: info.name, label: info.label, category: info.category, description: info.description, args: info.args.map(({ name, type, optional, description }) => ({ name, type, ...(optional === undefined ? {} : { optional }), ...(description === undefined ? {} : { description }) })), custom: true });
  }
  return map;
}

/** What the person typed as a sample: JSON when it parses, else the text itself. */
export function parseSample(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A typed argument as a value for the engine, the way the template would read it. */
export function argValue(text: string, type: string | undefined): unknown {
  if (type === 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export type PreviewResult = { ok: true; value: unknown } | { ok: false; message: string; step?: string } | { ok: 'needs-engine' };

type TestModifier = (body: TestModifierBody) => Promise<ModifierTestResult>;

/** Run the chain step by step on `sample`; stops at the first failing step and names it. */
export async function previewChain(
  sample: unknown,
  steps: readonly ModifierStep[],
  catalog: ReadonlyMap<string, ModifierEntry>,
  testModifier?: TestModifier,
): Promise<PreviewResult> {
  let value = sample;
  for (const step of steps) {
    const entry = catalog.get(step.name);
    if (entry === undefined) return { ok: false, message: `Unknown modifier "${step.name}"`, step: step.name };
    if (entry.custom) {
      if (!testModifier) return { ok: 'needs-engine' };
      let count = step.args.length;
      while (count > 0 && (step.args[count - 1] ?? '') === '') count -= 1;
      const args = step.args.slice(0, count).map((text, index) => argValue(text, entry.args[index]?.type));
      const answer = await testModifier({ name: step.name, args, value });
      if (!answer.ok) return { ok: false, message: answer.error.message, step: step.name };
      value = answer.value;
      continue;
    }
    const result = await evaluateTemplate(formatVariable('$.sample.value', [step], catalog), { sample: { value } });
    if (!result.ok) return { ok: false, message: result.error.message, step: step.name };
    value = result.value;
  }
  return { ok: true, value };
}
