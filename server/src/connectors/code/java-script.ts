/** @module JavaScript: runs the user's `run(input, context)` in the sandbox and sends what it returns. */
import { Script } from 'node:vm';
import { defineComponent, WeftError, type ComponentDefinition, type PropertyProblem } from '@weft/connector-kit';
import type { Sandbox, SandboxLimits } from '../../sandbox/index.ts';

export const DEFAULT_CODE = 'async function run(input, context) {\n  return input;\n}';

/**
 * JSON has no undefined, so the sandbox answers null for it. Appended after the user's code (its
 * line numbers stay right), this entry tells "returned nothing" from "returned null".
 */
const ENTRY = '__weftRun';
const WRAPPER = `\n;async function ${ENTRY}(input, context) { const value = await run(input, context); return value === undefined ? [] : [value]; }\n`;

export interface JavaScriptOptions {
  sandbox: Pick<Sandbox, 'call'>;
  /** Read at every call, so an admin's new limits apply to the next message. */
  limits: () => Partial<SandboxLimits>;
}

/**
 * Compiles `code` without running it, for flow validation. V8 only parses here; the code runs in
 * QuickJS, which accepts the same ES2023 syntax, so a source that fails here fails there too.
 */
export function findSyntaxError(code: string): { message: string; line?: number } | undefined {
  try {
    new Script(code, { filename: 'code.js' });
    return undefined;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const line = /code\.js:(\d+)/.exec(error.stack ?? '')?.[1];
    return line === undefined ? { message: error.message } : { message: error.message, line: Number(line) };
  }
}

export function createJavaScript(options: JavaScriptOptions): ComponentDefinition {
  return defineComponent(
    {
      name: 'weft.utils.code.JavaScript',
      label: 'JavaScript',
      category: 'code',
      icon: 'code',
      // The sandbox has no network, files, timers or Store: what it returns depends on its input only.
      pure: true,
      description: 'Runs your JavaScript on each message: `run(input, context)` gets the mapped fields; what it returns is sent on (return nothing to send nothing).',
      inPorts: [{ name: 'in', schema: { type: 'object', additionalProperties: true } }],
      outPorts: [{ name: 'out', schema: { type: 'any' } }],
      properties: {
        schema: { type: 'object', properties: { code: { type: 'string' } }, required: ['code'] },
        inspector: {
          inputs: {
            code: {
              type: 'code', language: 'javascript', label: 'Code', defaultValue: DEFAULT_CODE, variables: false,
              tooltip: 'Define `async function run(input, context)`. `context` holds flowId, componentId and correlationId. No network, files or timers.',
            },
          },
        },
      },
    },
    {
      validate(properties): PropertyProblem[] {
        const code = properties.code;
        if (typeof code !== 'string' || code.trim() === '') return [{ code: 'code.missing', message: 'Write a `run(input, context)` function.', property: 'code' }];
        const syntax = findSyntaxError(code);
        if (!syntax) return [];
        const where = syntax.line === undefined ? '' : ` (line ${syntax.line})`;
        return [{ code: 'code.syntax', message: `The code does not compile${where}: ${syntax.message}`, property: 'code' }];
      },

      async receive(context) {
        const code = typeof context.properties.code === 'string' ? context.properties.code : DEFAULT_CODE;
        const input = context.messages.in?.content ?? {};
        const meta = { flowId: context.flowId, componentId: context.componentId, correlationId: context.correlationId };
        // Per user: warm state never crosses users, and one user's calls wait behind their own.
        const result = await options.sandbox.call(code + WRAPPER, ENTRY, [input, meta], options.limits(), context.userId);
        for (const line of result.logs) context.log(line.level, line.message);
        if (result.ok) {
          const sent = Array.isArray(result.value) ? (result.value as unknown[]) : [];
          if (sent.length > 0) await context.sendJson(sent[0], 'out');
          return;
        }
        const { code: errorCode, message, line, column } = result.error;
        const where = line === undefined ? '' : ` (line ${line}${column === undefined ? '' : `, column ${column}`})`;
        // The error catalogue says which sandbox failures come back the same every time (no retry).
        throw new WeftError(errorCode, `${message}${where}`, { details: { line, column } });
      },
    },
  );
}
