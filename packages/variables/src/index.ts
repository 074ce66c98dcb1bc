/**
 * @module @weft/variables: the variables-and-modifiers language — parse `{{{$.a1.out.name | trim}}}`, evaluate it, explain errors.
 *
 *   const result = await evaluateTemplate('Hi {{{$.a1.out.name | trim | upper}}}', { a1: { out: { name: ' ann ' } } });
 *   // result: { ok: true, value: 'Hi ANN' }
 */
// Parsed shapes and results
export type { PathSegment, ModifierCall, VariableRef, TemplatePart } from './variable-ref.ts';
export type { Result, VariableError } from './result.ts';
// Parsing and discovery
export { parseTemplate } from './parse-template.ts';
export { findVariables } from './find-variables.ts';
export type { LocatedRef } from './find-variables.ts';
export { readPath, parsePath } from './path.ts';
export { MAX_LAMBDA_DEPTH, MAX_ARGUMENT_DEPTH, MAX_PATH_STEPS } from './nesting-limits.ts';
// Evaluation
export { evaluateTemplate, evaluateLambda, evaluateLambdaSync } from './evaluate.ts';
export type { Scope, LambdaError } from './evaluate.ts';
// Modifiers
export { createModifierRegistry } from './modifier-registry.ts';
export type { ModifierRegistry } from './modifier-registry.ts';
export { ModifierArgsError } from './modifier-definition.ts';
export type { ModifierArg, ModifierDefinition } from './modifier-definition.ts';
export { builtinModifiers } from './modifiers/index.ts';
