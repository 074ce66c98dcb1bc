/** @module Webhook: a trigger that turns an HTTP call to its URL into a run. */
import { defineComponent } from '@weft/connector-kit';

export const Webhook = defineComponent(
  {
    name: 'weft.utils.http.Webhook',
    label: 'Webhook',
    category: 'http',
    icon: 'webhook',
    description: 'Starts a run for every HTTP request to its URL. Answers with a Response component, or at once with 202.',
    trigger: true,
    webhook: true,
    outPorts: [
      {
        name: 'out',
        schema: {
          type: 'object',
          properties: {
            method: { type: 'string', example: 'POST' },
            path: { type: 'string' },
            headers: { type: 'object' },
            query: { type: 'object' },
            body: { type: 'any' },
          },
        },
      },
    ],
    properties: {
      inspector: {
        inputs: {
          waitForResponse: { type: 'toggle', label: 'Wait for a Response component', defaultValue: true, tooltip: 'On: the first Response component the run reaches answers; a run that ends without one answers 204 at once. Off: answer 202 with the correlation id as soon as the request is stored.' },
          timeoutMs: { type: 'number', label: 'Response timeout (ms)', defaultValue: 30000, when: { eq: { waitForResponse: true } }, tooltip: 'Answer 504 if the run is still going after this long; it goes on regardless.' },
        },
      },
    },
  },
  {
    async receive(context) {
      await context.sendJson(context.messages.webhook?.content, 'out');
    },
  },
);
