import { describe, expect, it } from 'vitest';
import { ExclusiveGate } from './exclusive-gate.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the exclusive gate', () => {
  it('lets shared runs overlap, and runs an exclusive one alone, after the running ones and before later ones', async () => {
    const gate = new ExclusiveGate();
    const events: string[] = [];
    const run = async (name: string, exclusive: boolean, ms: number) => {
      await gate.enter(exclusive);
      events.push(`${name}+`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      events.push(`${name}-`);
      gate.leave(exclusive);
    };
    const a = run('a', false, 30);
    const b = run('b', false, 30);
    await tick();
    const x = run('x', true, 20);
    await tick();
    const c = run('c', false, 5);
    await Promise.all([a, b, x, c]);
    expect(events.slice(0, 2).sort()).toEqual(['a+', 'b+']);
    const xStart = events.indexOf('x+');
    expect(events.indexOf('a-')).toBeLessThan(xStart);
    expect(events.indexOf('b-')).toBeLessThan(xStart);
    expect(events[xStart + 1]).toBe('x-');
    expect(events.indexOf('c+')).toBeGreaterThan(events.indexOf('x-'));
  });
});
