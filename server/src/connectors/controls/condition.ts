/** @module Condition: sends its input on `true` or `false` by an AND/OR expression. */
import { defineComponent, type InspectorInput } from '@weft/connector-kit';
import { evaluateExpression, OPERATORS } from './expression.ts';

export const expressionInput: InspectorInput = {
  type: 'expression',
  label: 'Conditions',
  levels: ['AND', 'OR'],
  fields: {
    field: { type: 'text', label: 'Value' },
    operator: { type: 'select', label: 'Operator', options: OPERATORS.map((op) => ({ label: op, value: op })), defaultValue: '=' },
    value: { type: 'text', label: 'Compare with', when: { neq: { operator: 'empty' } } },
  },
};

export const Condition = defineComponent(
  {
    name: 'weft.utils.controls.Condition',
    label: 'Condition',
    category: 'controls',
    icon: 'split',
    pure: true,
    description: 'Sends the message it received on "true" when the conditions hold, otherwise on "false".',
    inPorts: [{ name: 'in', schema: { type: 'object', properties: { expression: { type: 'object' } }, required: ['expression'] }, inspector: { inputs: { expression: expressionInput } } }],
    outPorts: [{ name: 'true', schema: { type: 'any' } }, { name: 'false', schema: { type: 'any' } }],
  },
  {
    async receive(context) {
      const input = context.messages.in;
      const result = evaluateExpression(input?.content.expression);
      if (!result.ok) throw new context.CancelError(result.message);
      await context.sendJson(input?.upstream ?? {}, result.value ? 'true' : 'false');
    },
  },
);
