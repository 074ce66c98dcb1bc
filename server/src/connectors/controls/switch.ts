/** @module Switch: sends its input on the port of the first case whose conditions hold, else on "default". */
import { defineComponent, type InspectorInput } from '@weft/connector-kit';
import { expressionInput } from './condition.ts';
import { evaluateExpression } from './expression.ts';

const CASES = ['case1', 'case2', 'case3', 'case4', 'case5'] as const;

const caseInputs: Record<string, InspectorInput> = Object.fromEntries(
  CASES.map((name, i) => [name, { ...expressionInput, label: `Case ${i + 1}`, index: i + 1, tooltip: `The message goes out on "${name}" when these conditions hold and no earlier case did.` }]),
);

export const Switch = defineComponent(
  {
    name: 'weft.utils.controls.Switch',
    label: 'Switch',
    category: 'controls',
    icon: 'signpost',
    pure: true,
    description: 'Sends the message it received on the port of the first case that holds (case1…case5), or on "default" when none does.',
    inPorts: [
      {
        name: 'in',
        schema: {
          type: 'object',
          properties: {
            ...Object.fromEntries(CASES.map((name) => [name, { type: 'object' as const }])),
            cases: { type: 'array', items: { type: 'object' }, description: 'Alternative to case1…case5: up to five expressions in order.' },
          },
        },
        inspector: { inputs: caseInputs },
      },
    ],
    outPorts: [
      ...CASES.map((name) => ({ name, schema: { type: 'any' as const, description: 'The message Switch received, unchanged.' } })),
      { name: 'default', schema: { type: 'any', description: 'The message Switch received, unchanged.' } },
    ],
  },
  {
    async receive(context) {
      const input = context.messages.in;
      const content = input?.content ?? {};
      const listed = Array.isArray(content.cases) ? (content.cases as unknown[]) : [];
      if (listed.length > CASES.length) throw new context.CancelError(`Switch takes at most ${CASES.length} cases, got ${listed.length}.`);
      for (const [i, port] of CASES.entries()) {
        const expression = content[port] ?? listed[i];
        // An unset case (or one left empty in the inspector) never matches.
        if (expression === undefined || expression === null || expression === '') continue;
        const result = evaluateExpression(expression);
        if (!result.ok) throw new context.CancelError(`Case ${i + 1}: ${result.message}`);
        if (result.value) {
          await context.sendJson(input?.upstream ?? {}, port);
          return;
        }
      }
      await context.sendJson(input?.upstream ?? {}, 'default');
    },
  },
);
