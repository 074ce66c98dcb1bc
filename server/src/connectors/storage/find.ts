/** @module Find: lists the entries of a data store, optionally those whose key starts with a prefix. */
import { defineComponent } from '@weft/connector-kit';
import { storeIdInput, storeIdOf, storeIdSchema } from './store-fields.ts';

const MAX_LIMIT = 1000;

export const Find = defineComponent(
  {
    name: 'weft.utils.storage.Find',
    label: 'Find in store',
    category: 'storage',
    icon: 'database-zap',
    description: `Lists the entries of one of your data stores, optionally only keys with a prefix (at most ${MAX_LIMIT}).`,
    inPorts: [
      {
        name: 'in',
        schema: { type: 'object', properties: { storeId: storeIdSchema, prefix: { type: 'string' }, limit: { type: 'number' } } },
        inspector: {
          inputs: {
            storeId: storeIdInput,
            prefix: { type: 'text', label: 'Key starts with', index: 2 },
            limit: { type: 'number', label: 'At most', index: 3, defaultValue: 100 },
          },
        },
      },
    ],
    outPorts: [
      {
        name: 'out',
        schema: {
          type: 'object',
          properties: {
            items: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, value: { type: 'any' } } } },
            count: { type: 'number', example: 2 },
          },
        },
      },
    ],
  },
  {
    async receive(context) {
      const content = context.messages.in?.content ?? {};
      const prefix = typeof content.prefix === 'string' && content.prefix !== '' ? content.prefix : undefined;
      const limit = content.limit === undefined || content.limit === '' ? 100 : Number(content.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new context.CancelError(`"limit" must be a whole number from 1 to ${MAX_LIMIT}, got ${JSON.stringify(content.limit)}.`);
      const items = await context.store.find(storeIdOf(content), { limit, ...(prefix === undefined ? {} : { prefix }) });
      await context.sendJson({ items, count: items.length }, 'out');
    },
  },
);
