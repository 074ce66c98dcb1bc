/** @module Response: answers the held HTTP request of the webhook that started the run. */
import { defineComponent } from '@weft/connector-kit';

export const Response = defineComponent(
  {
    name: 'weft.utils.http.Response',
    label: 'Response',
    category: 'http',
    icon: 'reply',
    description: 'Answers the webhook call that started this run with a status, headers and body.',
    inPorts: [
      {
        name: 'in',
        schema: { type: 'object', properties: { status: { type: 'number' }, headers: { type: 'object' }, body: { type: 'any' } } },
        inspector: {
          inputs: {
            status: { type: 'number', label: 'Status', defaultValue: 200 },
            headers: { type: 'key-value', label: 'Headers' },
            body: { type: 'textarea', label: 'Body' },
          },
        },
      },
    ],
  },
  {
    async receive(context) {
      const content = context.messages.in?.content ?? {};
      const status = content.status === undefined || content.status === '' ? 200 : Number(content.status);
      if (!Number.isInteger(status) || status < 100 || status > 599) {
        throw new context.CancelError(`Status must be an HTTP status code (100–599), got ${JSON.stringify(content.status)}.`);
      }
      const headers: Record<string, string> = {};
      if (content.headers && typeof content.headers === 'object') {
        for (const [key, value] of Object.entries(content.headers)) headers[key] = String(value);
      }
      await context.response(content.body ?? null, status, headers);
    },
  },
);
