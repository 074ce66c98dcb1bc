/** @module Remove: deletes a key from a data store. */
import { defineComponent } from '@weft/connector-kit';
import { keyInput, keyOf, storeIdInput, storeIdOf, storeIdSchema } from './store-fields.ts';

export const Remove = defineComponent(
  {
    name: 'weft.utils.storage.Remove',
    label: 'Remove from store',
    category: 'storage',
    icon: 'trash-2',
    description: 'Deletes the value saved under a key in one of your data stores; "removed" says whether there was one.',
    inPorts: [
      {
        name: 'in',
        schema: { type: 'object', properties: { storeId: storeIdSchema, key: { type: 'string' } }, required: ['key'] },
        inspector: { inputs: { storeId: storeIdInput, key: keyInput } },
      },
    ],
    outPorts: [{ name: 'out', schema: { type: 'object', properties: { storeId: { type: 'string', example: 'default' }, key: { type: 'string' }, removed: { type: 'boolean' } } } }],
  },
  {
    async receive(context) {
      const content = context.messages.in?.content ?? {};
      const storeId = storeIdOf(content);
      const key = keyOf(context, content);
      const removed = await context.store.remove(storeId, key);
      await context.sendJson({ storeId, key, removed }, 'out');
    },
  },
);
