/** @module Join: waits for one message from every component wired into "in" (per run), then sends them together. */
import { defineComponent, type ComponentContext } from '@weft/connector-kit';
import { claimOnce, forgetClaim } from './claim-once.ts';

const DEFAULT_TIMEOUT_MS = 60_000;

const joinedSchema = {
  type: 'object' as const,
  properties: {
    messages: { type: 'object' as const, description: 'What each connected component sent, by component id.', additionalProperties: { type: 'any' as const } },
  },
};

export const Join = defineComponent(
  {
    name: 'weft.utils.controls.Join',
    label: 'Join',
    category: 'controls',
    icon: 'merge',
    description: 'Waits until every component connected to "in" has sent a message in the same run, then sends them all on "out". What arrived is sent on "timeout" if the others do not come in time.',
    inPorts: [{ name: 'in', schema: { type: 'object', additionalProperties: true } }],
    outPorts: [
      { name: 'out', schema: joinedSchema },
      {
        name: 'timeout',
        schema: { ...joinedSchema, properties: { ...joinedSchema.properties, missing: { type: 'array', items: { type: 'string' }, description: 'Ids of the components that did not send in time.' } } },
      },
    ],
    properties: {
      schema: { type: 'object', properties: { timeoutMs: { type: 'number' } } },
      inspector: {
        inputs: {
          timeoutMs: { type: 'number', label: 'Wait at most (ms)', defaultValue: DEFAULT_TIMEOUT_MS, variables: false, tooltip: 'Counted from the first message of a run.' },
        },
      },
    },
  },
  {
    async receive(context) {
      if (context.messages.timeout) return onTimeout(context);
      const input = context.messages.in;
      if (!input) return;
      const sources = context.connectedSources.in ?? [];
      const sourceId = input.from?.componentId;
      if (sourceId === undefined || !sources.includes(sourceId)) {
        throw new context.CancelError(`Join only takes messages from the components connected to its "in" port (${sources.join(', ') || 'none'}).`);
      }
      const base = keyBase(input.correlationId);
      // The first message of a run arms the deadline; the timer also clears this run's state later.
      if (await claimOnce(context.state, `${base}:timer`, input.messageId)) {
        await context.setTimeout({ correlationId: input.correlationId }, timeoutOf(context));
      }
      if (!(await claimOnce(context.state, `${base}:from:${sourceId}`, input.messageId))) {
        context.log('info', `Join ignored a second message from ${sourceId} in run ${input.correlationId}.`);
        return;
      }
      await context.state.set(`${base}:content:${sourceId}`, input.content);
      // Written before read: of concurrent arrivals, at least the last writer sees every message.
      const arrived = await collect(context, base, sources);
      if (Object.keys(arrived).length < sources.length) return;
      if (await claimOnce(context.state, `${base}:fired`, input.messageId)) await context.sendJson({ messages: arrived }, 'out');
    },
  },
);

async function onTimeout(context: ComponentContext): Promise<void> {
  const timeout = context.messages.timeout!;
  const { content, timeoutId } = timeout.content as { content?: { correlationId?: unknown }; timeoutId?: unknown };
  const correlationId = typeof content?.correlationId === 'string' ? content.correlationId : timeout.correlationId;
  const base = keyBase(correlationId);
  const sources = context.connectedSources.in ?? [];
  const arrived = await collect(context, base, sources);
  const complete = Object.keys(arrived).length >= sources.length;
  if (!complete && (await claimOnce(context.state, `${base}:fired`, String(timeoutId)))) {
    await context.sendJson({ messages: arrived, missing: sources.filter((id) => !(id in arrived)) }, 'timeout');
  }
  // The run is over for this Join either way: forget it. A message arriving later starts a new wait.
  for (const id of sources) {
    await forgetClaim(context.state, `${base}:from:${id}`);
    await context.state.unset(`${base}:content:${id}`);
  }
  await forgetClaim(context.state, `${base}:timer`);
  await forgetClaim(context.state, `${base}:fired`);
}

async function collect(context: ComponentContext, base: string, sources: readonly string[]): Promise<Record<string, unknown>> {
  const arrived: Record<string, unknown> = {};
  for (const id of sources) {
    const content = await context.state.get(`${base}:content:${id}`);
    if (content !== undefined) arrived[id] = content;
  }
  return arrived;
}

function keyBase(correlationId: string): string {
  return `join:${correlationId}`;
}

function timeoutOf(context: ComponentContext): number {
  const value = Number(context.properties.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_TIMEOUT_MS;
}
