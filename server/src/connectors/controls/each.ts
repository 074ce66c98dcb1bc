/** @module Each: sends one message per element of a list, then one when the list is done. */
import { defineComponent } from '@weft/connector-kit';

export const Each = defineComponent(
  {
    name: 'weft.utils.controls.Each',
    label: 'Each',
    category: 'controls',
    icon: 'repeat',
    // Pure; a long list fans out beyond WEFT_FUSE_FAN_OUT and crosses the Bus message by message.
    pure: true,
    description: 'Sends every element of a list on "item", in order, then the number of elements on "done".',
    inPorts: [
      {
        name: 'in',
        schema: { type: 'object', properties: { list: { type: 'array', items: { type: 'any' } } }, required: ['list'] },
        inspector: { inputs: { list: { type: 'text', label: 'List', tooltip: 'Map an array, e.g. {{{$.webhook.out.body.items}}}.' } } },
      },
    ],
    outPorts: [
      {
        name: 'item',
        schema: {
          type: 'object',
          properties: { value: { type: 'any', description: 'The element' }, index: { type: 'number', example: 0 }, count: { type: 'number', example: 3 } },
        },
      },
      { name: 'done', schema: { type: 'object', properties: { count: { type: 'number', example: 3 } } } },
    ],
  },
  {
    async receive(context) {
      const list = context.messages.in?.content.list;
      if (!Array.isArray(list)) {
        throw new context.CancelError(`Each needs an array in "list", got ${list === undefined ? 'nothing' : typeof list}.`);
      }
      const count = list.length;
      for (const [index, value] of (list as unknown[]).entries()) await context.sendJson({ value, index, count }, 'item');
      await context.sendJson({ count }, 'done');
    },
  },
);
