/** @module Bus faults for tests: make an engine's Bus refuse its next publishes, as a broker that is briefly down does. */
import { vi } from 'vitest';
import type { Bus } from '../src/ports/bus.ts';

/** The next `count` publishes on `bus` throw `message`; later ones go through. `refused()` says how many were refused. */
export function refuseNextPublishes(bus: Bus, count: number, message = 'bus down for a moment'): { refused(): number; restore(): void } {
  const publish = bus.publish.bind(bus);
  let refused = 0;
  const spy = vi.spyOn(bus, 'publish').mockImplementation(async (...args) => {
    if (refused < count) {
      refused += 1;
      throw new Error(message);
    }
    return publish(...args);
  });
  return { refused: () => refused, restore: () => spy.mockRestore() };
}
