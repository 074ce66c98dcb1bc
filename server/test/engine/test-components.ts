/** @module Components the engine tests share: one with an effect each run counts, one pure step that always fails. */
import { defineComponent, WeftError } from '@weft/connector-kit';

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
