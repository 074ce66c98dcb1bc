/** @module OnStart: a trigger that starts one run each time the flow is started. */
import { defineComponent } from '@weft/connector-kit';

export const OnStart = defineComponent(
  {
    name: 'weft.utils.controls.OnStart',
    label: 'On start',
    category: 'controls',
    icon: 'play',
    description: 'Starts a run once, when the flow is started.',
    trigger: true,
    outPorts: [{ name: 'out', schema: { type: 'object', properties: { startedAt: { type: 'string', description: 'ISO date and time', example: '2024-05-01T08:00:00.000Z' } } } }],
  },
  {
    async start(context) {
      await context.sendJson({ startedAt: new Date().toISOString() }, 'out');
    },
  },
);
