/** @module Filter: lets a message through only when its conditions hold. */
import { defineComponent } from '@weft/connector-kit';
import { expressionInput } from './condition.ts';
import { evaluateExpression } from './expression.ts';

export const Filter = defineComponent(
  {
    name: 'weft.utils.controls.Filter',
    label: 'Filter',
    category: 'controls',
    icon: 'funnel',
    pure: true,
    description: 'Sends the message it received on "out" when the conditions hold; otherwise the run stops here.',
    inPorts: [{ name: 'in', schema: { type: 'object', properties: { expression: { type: 'object' } }, required: ['expression'] }, inspector: { inputs: { expression: expressionInput } } }],
    outPorts: [{ name: 'out', schema: { type: 'any', description: 'The message Filter received, unchanged.' } }],
  },
  {
    async receive(context) {
      const input = context.messages.in;
      const result = evaluateExpression(input?.content.expression);
      if (!result.ok) throw new context.CancelError(result.message);
      if (result.value) await context.sendJson(input?.upstream ?? {}, 'out');
    },
  },
);
