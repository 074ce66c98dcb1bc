/** @module CallFlow: starts a run of another flow of the same user at its OnCall trigger. */
import { defineComponent } from '@weft/connector-kit';

export const CallFlow = defineComponent(
  {
    name: 'weft.utils.controls.CallFlow',
    label: 'Call flow',
    category: 'controls',
    icon: 'phone-outgoing',
    description: 'Starts a run of another of your flows (it needs an "On call" trigger and must be running) and goes on without waiting for it.',
    inPorts: [
      {
        name: 'in',
        schema: { type: 'object', properties: { flowId: { type: 'string' }, data: { type: 'any' } }, required: ['flowId'] },
        inspector: {
          inputs: {
            flowId: { type: 'select', label: 'Flow', index: 1, source: { name: 'flows' }, tooltip: 'Your flows that have an "On call" trigger are listed first.' },
            data: { type: 'textarea', label: 'Data', index: 2, tooltip: 'What the called flow\'s "On call" trigger sends.' },
          },
        },
      },
    ],
    outPorts: [{ name: 'out', schema: { type: 'object', properties: { correlationId: { type: 'string', description: 'The run started in the called flow.' } } } }],
  },
  {
    async options(name, context) {
      if (name !== 'flows') return [];
      const flows = await context.listFlows();
      return flows.map((flow) => ({ label: flow.stage === 'running' ? flow.name : `${flow.name} (stopped)`, value: flow.flowId }));
    },
    async receive(context) {
      const content = context.messages.in?.content ?? {};
      if (typeof content.flowId !== 'string' || content.flowId === '') throw new context.CancelError('Map the id of the flow to call into "flowId".');
      const { correlationId } = await context.callFlow(content.flowId, content.data ?? null);
      await context.sendJson({ correlationId }, 'out');
    },
  },
);
