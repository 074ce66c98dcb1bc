/** @module OnCall: the entry of a flow that other flows start with CallFlow. */
import { defineComponent } from '@weft/connector-kit';

export const OnCall = defineComponent(
  {
    name: 'weft.utils.controls.OnCall',
    label: 'On call',
    category: 'controls',
    icon: 'phone-incoming',
    description: 'Starts a run each time another flow calls this one with "Call flow", and sends the data it was given.',
    trigger: true,
    outPorts: [{ name: 'out', schema: { type: 'any', description: 'The "data" the calling flow passed (objects as they are, other values as { value }).' } }],
  },
  {
    async receive(context) {
      const call = context.messages.call;
      if (call) await context.sendJson(call.content.data ?? {}, 'out');
    },
  },
);
