/** @module Set: saves a value under a key in a data store. */
import { defineComponent } from '@weft/connector-kit';
import { keyInput, keyOf, storeIdInput, storeIdOf, storeIdSchema } from './store-fields.ts';

export const Set = defineComponent(
  {
    name: 'weft.utils.storage.Set',
    label: 'Save to store',
    category: 'storage',
    icon: 'hard-drive-upload',
    description: 'Saves a value under a key in one of your data stores, replacing what was there.',
    inPorts: [
      {
        name: 'in',
        schema: { type: 'object', properties: { storeId: storeIdSchema, key: { type: 'string' }, value: { type: 'any' } }, required: ['key', 'value'] },
        inspector: { inputs: { storeId: storeIdInput, key: keyInput, value: { type: 'textarea', label: 'Value', index: 3 } } },
      },
    ],
    outPorts: [{ name: 'out', schema: { type: 'object', properties: { storeId: { type: 'string', example: 'default' }, key: { type: 'string' }, value: { type: 'any' } } } }],
  },
  {
    async receive(context) {
      const content = context.messages.in?.content ?? {};
      const storeId = storeIdOf(content);
      const key = keyOf(context, content);
      if (content.value === undefined) throw new context.CancelError('The value is missing: map something into the "value" field.');
      await context.store.set(storeId, key, content.value);
      await context.sendJson({ storeId, key, value: content.value }, 'out');
    },
  },
);
