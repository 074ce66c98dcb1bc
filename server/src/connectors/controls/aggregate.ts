/** @module Aggregate: collects the "item" messages of a run into one list, once the expected count has arrived. */
import { defineComponent, type ComponentContext } from '@weft/connector-kit';
import { claimOnce, forgetClaim } from './claim-once.ts';

const DEFAULT_TIMEOUT_MS = 60_000;

interface Slot {
  messageId: string;
  value: unknown;
  index: number | undefined;
}

const collectedSchema = {
  type: 'object' as const,
  properties: {
    items: { type: 'array' as const, items: { type: 'any' as const } },
    count: { type: 'number' as const, example: 3 },
  },
};

export const Aggregate = defineComponent(
  {
    name: 'weft.utils.controls.Aggregate',
    label: 'Aggregate',
    category: 'controls',
    icon: 'layers',
    description: 'Collects the messages of one run on "item" into a list and sends it on "out" once as many have arrived as "done" says (connect Each\'s "done" there).',
    inPorts: [
      {
        name: 'item',
        schema: { type: 'object', properties: { value: { type: 'any' }, index: { type: 'number' } } },
        inspector: {
          inputs: {
            value: { type: 'text', label: 'Value to collect', tooltip: 'Left empty, the whole message is collected.' },
            index: { type: 'number', label: 'Position', tooltip: 'Items are sorted by it when every item has one (Each sends it).' },
          },
        },
      },
      {
        name: 'done',
        schema: { type: 'object', properties: { count: { type: 'number' } }, required: ['count'] },
        inspector: { inputs: { count: { type: 'number', label: 'Number of items to wait for' } } },
      },
    ],
    outPorts: [
      { name: 'out', schema: collectedSchema },
      { name: 'timeout', schema: { ...collectedSchema, properties: { ...collectedSchema.properties, expected: { type: 'number' } } } },
    ],
    properties: {
      schema: { type: 'object', properties: { timeoutMs: { type: 'number' } } },
      inspector: {
        inputs: {
          timeoutMs: { type: 'number', label: 'Wait at most (ms)', defaultValue: DEFAULT_TIMEOUT_MS, variables: false, tooltip: 'Counted from the first message of a run; what arrived is then sent on "timeout".' },
        },
      },
    },
  },
  {
    async receive(context) {
      if (context.messages.timeout) return onTimeout(context);
      const input = context.messages.item ?? context.messages.done;
      if (!input) return;
      const { state } = context;
      const base = `aggregate:${input.correlationId}`;
      if (await claimOnce(state, `${base}:timer`, input.messageId)) {
        await context.setTimeout({ correlationId: input.correlationId }, timeoutOf(context));
      }
      let expected: number | undefined;
      let arrived: number;
      if (context.messages.item) {
        const content = input.content;
        // A redelivered item is stored once only.
        if ((await state.increment(`${base}:seen:${input.messageId}`)) === 1) {
          const slot = await state.increment(`${base}:slots`);
          const stored: Slot = {
            messageId: input.messageId,
            value: 'value' in content ? content.value : content,
            index: typeof content.index === 'number' ? content.index : undefined,
          };
          await state.set(`${base}:slot:${slot}`, stored);
          arrived = await state.increment(`${base}:arrived`);
        } else arrived = (await state.get<number>(`${base}:arrived`)) ?? 0;
        expected = await state.get<number>(`${base}:expected`);
      } else {
        const count = Number(input.content.count);
        if (!Number.isInteger(count) || count < 0) throw new context.CancelError(`"done" needs the number of items in "count", got ${JSON.stringify(input.content.count)}.`);
        expected = count;
        await state.set(`${base}:expected`, count);
        arrived = (await state.get<number>(`${base}:arrived`)) ?? 0;
      }
      // Each side writes before it reads, so whichever of the last item and "done" comes second sees both.
      if (expected === undefined || arrived < expected) return;
      if (!(await claimOnce(state, `${base}:fired`, input.messageId))) return;
      const items = await collect(context, base);
      await context.sendJson({ items, count: items.length }, 'out');
    },
  },
);

async function onTimeout(context: ComponentContext): Promise<void> {
  const timeout = context.messages.timeout!;
  const { content, timeoutId } = timeout.content as { content?: { correlationId?: unknown }; timeoutId?: unknown };
  const correlationId = typeof content?.correlationId === 'string' ? content.correlationId : timeout.correlationId;
  const base = `aggregate:${correlationId}`;
  const { state } = context;
  const items = await collect(context, base);
  if (await claimOnce(state, `${base}:fired`, String(timeoutId))) {
    const expected = await state.get<number>(`${base}:expected`);
    await context.sendJson({ items, count: items.length, ...(expected === undefined ? {} : { expected }) }, 'timeout');
  }
  // The run is over for this Aggregate either way: forget it.
  const slots = (await state.get<number>(`${base}:slots`)) ?? 0;
  for (let slot = 1; slot <= slots; slot++) {
    const stored = await state.get<Slot>(`${base}:slot:${slot}`);
    if (stored) await state.unset(`${base}:seen:${stored.messageId}`);
    await state.unset(`${base}:slot:${slot}`);
  }
  for (const key of ['slots', 'arrived', 'expected']) await state.unset(`${base}:${key}`);
  await forgetClaim(state, `${base}:timer`);
  await forgetClaim(state, `${base}:fired`);
}

async function collect(context: ComponentContext, base: string): Promise<unknown[]> {
  const slots = (await context.state.get<number>(`${base}:slots`)) ?? 0;
  const stored: Slot[] = [];
  for (let slot = 1; slot <= slots; slot++) {
    const item = await context.state.get<Slot>(`${base}:slot:${slot}`);
    if (item) stored.push(item);
  }
  if (stored.every((item) => item.index !== undefined)) stored.sort((a, b) => a.index! - b.index!);
  return stored.map((item) => item.value);
}

function timeoutOf(context: ComponentContext): number {
  const value = Number(context.properties.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_TIMEOUT_MS;
}
