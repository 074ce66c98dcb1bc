/** @module ErrorTrigger: starts a run of an error flow for each final failure of a flow that names it. */
import { defineComponent } from '@weft/connector-kit';

export const ErrorTrigger = defineComponent(
  {
    name: 'weft.utils.controls.ErrorTrigger',
    label: 'On error',
    category: 'controls',
    icon: 'triangle-alert',
    description: 'Starts a run whenever a flow that uses this flow as its error flow fails for good (its message became unprocessed).',
    trigger: true,
    outPorts: [
      {
        name: 'out',
        schema: {
          type: 'object',
          properties: {
            flowId: { type: 'string' },
            flowName: { type: 'string', example: 'Sync contacts' },
            componentId: { type: 'string', example: 'request' },
            componentType: { type: 'string', example: 'weft.utils.http.Request' },
            correlationId: { type: 'string' },
            messageId: { type: 'string' },
            attempts: { type: 'number', example: 10 },
            error: { type: 'object', properties: { code: { type: 'string', example: 'component.error' }, message: { type: 'string' } } },
            content: { type: 'object', description: 'What the failing component received.' },
          },
        },
      },
    ],
  },
  {
    async receive(context) {
      const report = context.messages.error;
      if (report) await context.sendJson(report.content, 'out');
    },
  },
);
