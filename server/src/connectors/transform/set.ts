/** @module Set: builds an object from mapped values and sends it on. */
import { defineComponent } from '@weft/connector-kit';

export const Set = defineComponent(
  {
    name: 'weft.utils.transform.Set',
    label: 'Set',
    category: 'transform',
    icon: 'square-pen',
    pure: true,
    description: 'Sends the values mapped into it as one object: name the fields, map each to a value or variable.',
    inPorts: [
      {
        name: 'in',
        schema: { type: 'object', properties: { values: { type: 'object' } } },
        inspector: { inputs: { values: { type: 'key-value', label: 'Values', tooltip: 'Each key becomes a field of the output.' } } },
      },
    ],
    outPorts: [{ name: 'out', schema: { type: 'object', additionalProperties: true } }],
  },
  {
    async receive(context) {
      const content = context.messages.in?.content ?? {};
      // `values` is the documented field; content without it is sent whole (messages passed straight through).
      await context.sendJson('values' in content ? content.values : content, 'out');
    },
  },
);
