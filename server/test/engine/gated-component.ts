/**
 * A slow component for fairness tests: each message it receives waits at a gate, holding its worker
 * slot, until the test opens the gate; then it sends `{}` on `out`.
 */
import { defineComponent, type ComponentDefinition } from '@weft/connector-kit';

export interface GatedComponent {
  definition: ComponentDefinition;
  /** How many messages have reached the gate so far. */
  entered(): number;
  open(): void;
  /**
   * Waits (30 s at most) until `count` messages are at the gate, then 300 ms more, so that a slot
   * given where it should not be shows up as more; the number at the gate then.
   */
  settled(count: number): Promise<number>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function gatedComponent(name: string): GatedComponent {
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  let entered = 0;
  const definition = defineComponent(
    { name, label: 'Slow', inPorts: [{ name: 'in' }], outPorts: [{ name: 'out' }] },
    {
      async receive(context) {
        entered += 1;
        await gate;
        await context.sendJson({}, 'out');
      },
    },
  );
  return {
    definition,
    entered: () => entered,
    open: () => open(),
    async settled(count) {
      const deadline = Date.now() + 30_000;
      while (entered < count && Date.now() < deadline) await sleep(20);
      await sleep(300);
      return entered;
    },
  };
}
