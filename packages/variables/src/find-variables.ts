/** @module Variable discovery: every reference and every malformed placeholder inside a lambda, with where it sits. */
import { locateInLambda, type LambdaError } from './evaluate.ts';
import { MAX_LAMBDA_DEPTH } from './nesting-limits.ts';
import { parseTemplate } from './parse-template.ts';
import type { VariableRef } from './variable-ref.ts';

export type LocatedRef = VariableRef & { at: string };

/**
 * Walk nested objects and arrays; `at` is the dotted path of the string, e.g. `body.items.0`. A part
 * nested deeper than `MAX_LAMBDA_DEPTH` is reported as `variable.too_deep` and not walked.
 */
export function findVariables(value: unknown): { refs: LocatedRef[]; errors: LambdaError[] } {
  const refs: LocatedRef[] = [];
  const errors: LambdaError[] = [];
  const visit = (node: unknown, at: string, depth: number): void => {
    if (node !== null && typeof node === 'object' && depth > MAX_LAMBDA_DEPTH) {
      errors.push({ code: 'variable.too_deep', message: `the mapping nests arrays and objects more than ${MAX_LAMBDA_DEPTH} levels deep`, at });
      return;
    }
    if (typeof node === 'string') {
      const parsed = parseTemplate(node);
      if (!parsed.ok) {
        errors.push(locateInLambda(parsed.error, at));
        return;
      }
      // Named fields, not `{ ...part.ref, at }`: V8 builds a spread copy several times slower.
      for (const part of parsed.value) {
        if (part.kind !== 'variable') continue;
        const { componentId, port, path, modifiers, raw, start, end } = part.ref;
        refs.push({ componentId, port, path, modifiers, raw, start, end, at });
      }
    } else if (Array.isArray(node)) {
      (node as unknown[]).forEach((item, index) => visit(item, at === '' ? String(index) : `${at}.${index}`, depth + 1));
    } else if (node !== null && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) visit(item, at === '' ? key : `${at}.${key}`, depth + 1);
    }
  };
  visit(value, '', 1);
  return { refs, errors };
}
