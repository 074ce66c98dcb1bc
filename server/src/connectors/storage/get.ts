/** @module Get: reads one value from a data store. */
import { defineComponent } from '@weft/connector-kit';
import { keyInput, keyOf, storeIdInput, storeIdOf, storeIdSchema } from './store-fields.ts';

export const Get = defineComponent(
  {
    name: 'weft.utils.storage.Get',
    label: 'Get from store',
    category: 'storage',
    icon: 'hard-drive-download',
    description: 'Reads the value saved under a key in one of your data stores; "found" says whether there was one.',
    inPorts: [
      {
        name: 'in',
        schema: { type: 'object', properties: { storeId: storeIdSchema, key: { type: 'string' } }, required: ['key'] },
        inspector: { inputs: { storeId: storeIdInput, key: keyInput } },
      },
    ],
    outPorts: [
      {
        name: 'out',
        schema: {
          type: 'object',
          properties: { storeId: { type: 'string', example: 'default' }, key: { type: 'string' }, value: { type: 'any', description: 'null when nothing is saved under the key' }, found: { type: 'boolean' } },
        },
      },
    ],
  },
  {
    async receive(context) {
      const content = context.messages.in?.content ?? {};
      const storeId = storeIdOf(content);
      const key = keyOf(context, content);
      const value = await context.store.get(storeId, key);
      await context.sendJson({ storeId, key, value: value ?? null, found: value !== undefined }, 'out');
    },
  },
);
