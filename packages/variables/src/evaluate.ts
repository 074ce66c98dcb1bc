/** @module Evaluation: resolve placeholders against the outputs of earlier components and run their modifiers. */
import { ModifierArgsError, type ModifierArg } from './modifier-definition.ts';
import { builtinRegistry, type ModifierRegistry } from './modifier-registry.ts';
import { builtinModifiers } from './modifiers/index.ts';
import { isStackOverflow, MAX_LAMBDA_DEPTH } from './nesting-limits.ts';
import { parseTemplate } from './parse-template.ts';
import { toText } from './modifiers/value-coercion.ts';
import { readPath } from './path.ts';
import { fail, ok, type Result, type VariableError } from './result.ts';
import type { TemplatePart, VariableRef } from './variable-ref.ts';

/**
 * An error inside a lambda: `at` is the path in the lambda (`body.items.0`) and `offset` the
 * position in that string. (`VariableError & { at: string }` would make `at` `never`, since
 * `VariableError.at` is a number.)
 */
export type LambdaError = Omit<VariableError, 'at'> & { at: string; offset?: number };

/** `{ <componentId>: { <outPort>: <message content> } }` */
export type Scope = Record<string, Record<string, unknown>>;

/**
 * Evaluate a template. A placeholder that is the whole text keeps its type (number, object, …);
 * inside longer text each value is stringified.
 */
export async function evaluateTemplate(text: string, scope: Scope, registry: ModifierRegistry = builtinRegistry()): Promise<Result<unknown>> {
  if (!text.includes('{{{')) return ok(text);
  const parsed = parsedTemplate(text);
  if (!parsed.ok) return parsed;
  const parts = parsed.value;
  const [only] = parts;
  if (parts.length === 1 && only?.kind === 'variable') return evaluateRef(only.ref, scope, registry);
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') {
      out += part.text;
      continue;
    }
    const value = await evaluateRef(part.ref, scope, registry);
    if (!value.ok) return value;
    try {
      out += toText(value.value);
    } catch (error) {
      if (!isStackOverflow(error)) throw error;
      return fail({ code: 'variable.too_deep', message: `{{{${part.ref.raw.trim()}}}} is nested too deeply to be written into text`, at: part.ref.start });
    }
  }
  return ok(out);
}

/**
 * Parsed templates by text. A flow's lambdas are the same few strings on every message, so parsing
 * once saves the engine that work per message; the cache is dropped whole when it fills, which keeps
 * it bounded without bookkeeping. Parts are only read, never changed, so sharing them is safe.
 */
const parsedTemplates = new Map<string, Result<TemplatePart[]>>();
const PARSED_TEMPLATES_MAX = 4096;

function parsedTemplate(text: string): Result<TemplatePart[]> {
  let parsed = parsedTemplates.get(text);
  if (parsed === undefined) {
    parsed = parseTemplate(text);
    if (parsedTemplates.size >= PARSED_TEMPLATES_MAX) parsedTemplates.clear();
    parsedTemplates.set(text, parsed);
  }
  return parsed;
}

/** Walk a lambda (nested objects and arrays) and evaluate every string in it; keys are left as written. */
export async function evaluateLambda(
  lambda: unknown,
  scope: Scope,
  registry: ModifierRegistry = builtinRegistry(),
): Promise<Result<unknown, LambdaError>> {
  return walk(lambda, '', scope, registry, 1);
}

async function walk(value: unknown, at: string, scope: Scope, registry: ModifierRegistry, depth: number): Promise<Result<unknown, LambdaError>> {
  if (value !== null && typeof value === 'object' && depth > MAX_LAMBDA_DEPTH) {
    return fail({ code: 'variable.too_deep', message: `the mapping nests arrays and objects more than ${MAX_LAMBDA_DEPTH} levels deep`, at });
  }
  if (typeof value === 'string') {
    const result = await evaluateTemplate(value, scope, registry);
    if (result.ok) return result;
    return fail(locateInLambda(result.error, at));
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const [index, item] of (value as unknown[]).entries()) {
      const result = await walk(item, join(at, String(index)), scope, registry, depth + 1);
      if (!result.ok) return result;
      out.push(result.value);
    }
    return ok(out);
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const result = await walk(item, join(at, key), scope, registry, depth + 1);
      if (!result.ok) return result;
      out[key] = result.value;
    }
    return ok(out);
  }
  return ok(value);
}

async function evaluateRef(ref: VariableRef, scope: Scope, registry: ModifierRegistry): Promise<Result<unknown>> {
  const outputs = Object.hasOwn(scope, ref.componentId) ? scope[ref.componentId] : undefined;
  const output = outputs !== undefined && Object.hasOwn(outputs, ref.port) ? outputs[ref.port] : undefined;
  let value = readPath(output, ref.path);
  for (const call of ref.modifiers) {
    const def = registry.get(call.name);
    if (def === undefined) {
      return fail({ code: 'modifier.unknown', message: `there is no modifier called "${call.name}"`, at: ref.start, modifier: call.name });
    }
    const argProblem = checkArgs(def.args, call.args);
    if (argProblem !== undefined) {
      return fail({ code: 'modifier.bad_args', message: `${call.name}: ${argProblem}`, at: ref.start, modifier: call.name });
    }
    try {
      value = await def.run(value, ...call.args);
    } catch (error) {
      if (isStackOverflow(error)) {
        return fail({ code: 'variable.too_deep', message: `${call.name}: the value is nested too deeply to work on`, at: ref.start, modifier: call.name });
      }
      const message = error instanceof Error ? error.message : String(error);
      const code = error instanceof ModifierArgsError ? 'modifier.bad_args' : 'modifier.failed';
      return fail({ code, message: `${call.name}: ${message}`, at: ref.start, modifier: call.name });
    }
  }
  return ok(value);
}

/**
 * The built-in modifiers: each one's `run` returns its value (none is async), so a mapping that
 * calls only these can be evaluated without a promise per string and per level (see evaluateLambdaSync).
 */
const SYNC_MODIFIERS: ReadonlySet<unknown> = new Set(builtinModifiers);

/** Returned through the sync walk: a modifier that may be async (custom) was reached; nothing was run past it. */
const NEEDS_ASYNC: unique symbol = Symbol('needs async');

/** A failure on its way out of the sync walk (a value of a mapping can never be one). */
class Failed {
  constructor(readonly error: LambdaError) {}
}

/**
 * `evaluateLambda`, without a promise: the same result (value or error), or `undefined` when the
 * lambda calls a modifier that is not built in (a custom modifier may be async and may have effects;
 * it is not called here, so the caller evaluates the whole lambda again with `evaluateLambda`). A
 * flow's mappings run at every step of every run; most call only built-ins, and the engine plans
 * a step's messages without awaiting anything then.
 */
export function evaluateLambdaSync(lambda: unknown, scope: Scope, registry: ModifierRegistry = builtinRegistry()): Result<unknown, LambdaError> | undefined {
  const path: string[] = [];
  const value = walkSync(lambda, path, scope, registry, 1);
  if (value === NEEDS_ASYNC) return undefined;
  return value instanceof Failed ? fail(value.error) : ok(value);
}

/** `walk`, synchronous; `path` holds the keys down to `value` (joined only for an error). */
function walkSync(value: unknown, path: string[], scope: Scope, registry: ModifierRegistry, depth: number): unknown {
  if (value !== null && typeof value === 'object' && depth > MAX_LAMBDA_DEPTH) {
    return new Failed({ code: 'variable.too_deep', message: `the mapping nests arrays and objects more than ${MAX_LAMBDA_DEPTH} levels deep`, at: path.join('.') });
  }
  if (typeof value === 'string') {
    const result = templateSync(value, scope, registry);
    return result instanceof TemplateFailure ? new Failed(locateInLambda(result.error, path.join('.'))) : result;
  }
  if (Array.isArray(value)) {
    const items = value as unknown[];
    const out: unknown[] = [];
    for (let index = 0; index < items.length; index += 1) {
      path.push(String(index));
      const result = walkSync(items[index], path, scope, registry, depth + 1);
      path.pop();
      if (result === NEEDS_ASYNC || result instanceof Failed) return result;
      out.push(result);
    }
    return out;
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    // Own enumerable string keys in order, as Object.entries gives them.
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      path.push(key);
      const result = walkSync(value[key], path, scope, registry, depth + 1);
      path.pop();
      if (result === NEEDS_ASYNC || result instanceof Failed) return result;
      out[key] = result;
    }
    return out;
  }
  return value;
}

/** A template's failure on its way out of `templateSync` (offset in the template, as `evaluateTemplate` gives it). */
class TemplateFailure {
  constructor(readonly error: VariableError) {}
}

/** `evaluateTemplate`, synchronous: the value, a TemplateFailure, or NEEDS_ASYNC. */
function templateSync(text: string, scope: Scope, registry: ModifierRegistry): unknown {
  if (!text.includes('{{{')) return text;
  const parsed = parsedTemplate(text);
  if (!parsed.ok) return new TemplateFailure(parsed.error);
  const parts = parsed.value;
  const [only] = parts;
  if (parts.length === 1 && only?.kind === 'variable') return refSync(only.ref, scope, registry);
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') {
      out += part.text;
      continue;
    }
    const value = refSync(part.ref, scope, registry);
    if (value === NEEDS_ASYNC || value instanceof TemplateFailure) return value;
    try {
      out += toText(value);
    } catch (error) {
      if (!isStackOverflow(error)) throw error;
      return new TemplateFailure({ code: 'variable.too_deep', message: `{{{${part.ref.raw.trim()}}}} is nested too deeply to be written into text`, at: part.ref.start });
    }
  }
  return out;
}

/** `evaluateRef`, synchronous: stops (NEEDS_ASYNC) before calling a modifier that is not built in. */
function refSync(ref: VariableRef, scope: Scope, registry: ModifierRegistry): unknown {
  const outputs = Object.hasOwn(scope, ref.componentId) ? scope[ref.componentId] : undefined;
  const output = outputs !== undefined && Object.hasOwn(outputs, ref.port) ? outputs[ref.port] : undefined;
  let value = readPath(output, ref.path);
  for (const call of ref.modifiers) {
    const def = registry.get(call.name);
    if (def === undefined) {
      return new TemplateFailure({ code: 'modifier.unknown', message: `there is no modifier called "${call.name}"`, at: ref.start, modifier: call.name });
    }
    const argProblem = checkArgs(def.args, call.args);
    if (argProblem !== undefined) {
      return new TemplateFailure({ code: 'modifier.bad_args', message: `${call.name}: ${argProblem}`, at: ref.start, modifier: call.name });
    }
    if (!SYNC_MODIFIERS.has(def)) return NEEDS_ASYNC;
    try {
      value = def.run(value, ...call.args);
    } catch (error) {
      if (isStackOverflow(error)) {
        return new TemplateFailure({ code: 'variable.too_deep', message: `${call.name}: the value is nested too deeply to work on`, at: ref.start, modifier: call.name });
      }
      const message = error instanceof Error ? error.message : String(error);
      const code = error instanceof ModifierArgsError ? 'modifier.bad_args' : 'modifier.failed';
      return new TemplateFailure({ code, message: `${call.name}: ${message}`, at: ref.start, modifier: call.name });
    }
    // A built-in returning a promise (none does) would need the await `evaluateRef` gives it.
    if (value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function') return NEEDS_ASYNC;
  }
  return value;
}

/** Check count and declared types before a modifier runs, so each modifier can trust its arguments. */
function checkArgs(declared: readonly ModifierArg[], given: readonly unknown[]): string | undefined {
  if (given.length > declared.length) {
    return `takes at most ${declared.length} argument${declared.length === 1 ? '' : 's'}, got ${given.length}`;
  }
  for (const [index, arg] of declared.entries()) {
    const value = given[index];
    if (value === undefined) {
      if (arg.optional === true) continue;
      return `the argument "${arg.name}" is required`;
    }
    if (!matchesType(arg.type, value)) return `the argument "${arg.name}" must be ${article(arg.type)}, got ${JSON.stringify(value)}`;
  }
  return undefined;
}

function matchesType(type: ModifierArg['type'], value: unknown): boolean {
  switch (type) {
    case 'any':
      return true;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isPlainObject(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'string':
    case 'boolean':
      return typeof value === type;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function join(at: string, key: string): string {
  return at === '' ? key : `${at}.${key}`;
}

/** Move an error's text offset to `offset` and put the lambda path in `at`. */
export function locateInLambda(error: VariableError, at: string): LambdaError {
  const { at: offset, ...rest } = error;
  return offset === undefined ? { ...rest, at } : { ...rest, at, offset };
}
