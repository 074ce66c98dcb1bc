/** @module What the engine tests share: a component with an effect each run counts, a pure step that always fails, and a wait for a run's log records. */
import { defineComponent, WeftError } from '@weft/connector-kit';
import type { LogRecord } from '../../src/ports/log-index.ts';
import type { Engine } from '../../src/engine/engine.ts';

/** Has an effect (not pure): each run adds to `effects.count` and notes its input, then sends `{ effect: count }`. */
export function countingEffect(name: string, effects: { count: number; inputs?: unknown[] }) {
  return defineComponent(
    { name, label: 'Effect', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
    {
      async receive(context) {
        effects.count += 1;
        effects.inputs?.push(context.messages.in?.content);
        await context.sendJson({ effect: effects.count }, 'out');
      },
    },
  );
}

/** Pure, and always fails with a retryable error; each call adds to `failing.calls`. */
export function failingPure(name: string, failing: { calls: number }) {
  return defineComponent(
    { name, label: 'Failing pure', pure: true, inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
    {
      async receive() {
        failing.calls += 1;
        throw new WeftError('test.flaky', 'This pure step fails every time.');
      },
    },
  );
}

/**
 * The log records of run `correlationId` of `userId`, read until `until` holds (logs are written in
 * batches: each read flushes first); fails after 10 s naming the records it saw.
 */
export async function waitForRunRecords(engine: Pick<Engine, 'logs' | 'logIndex'>, userId: string, correlationId: string, until: (records: LogRecord[]) => boolean): Promise<LogRecord[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    await engine.logs.flush();
    const page = await engine.logIndex.query({ userId, correlationId, limit: 1000, order: 'asc' });
    if (until(page.records)) return page.records;
    if (Date.now() > deadline) throw new Error(`the run never got there: ${JSON.stringify(page.records.map((r) => `${r.componentId}:${r.direction}${r.error ? ` ${r.error.message}` : ''}`))}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
