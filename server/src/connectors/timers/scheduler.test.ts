/** nextFireTime: remembering recent cron answers changes no answer. */
import { describe, expect, it } from 'vitest';
import { CronExpressionParser } from 'cron-parser';
import { CancelError, RetryError, type ComponentContext } from '@weft/connector-kit';
import { nextFireTime, Scheduler } from './scheduler.ts';

const at = (iso: string) => Date.parse(iso);

describe('when many schedules re-arm from the same due time', () => {
  it('answers each expression, time zone and start with its own next time, asked once or many times', () => {
    const after = at('2026-12-04T10:00:00.000Z');
    for (let i = 0; i < 3; i++) {
      expect(nextFireTime({ cron: '* * * * *' }, after)).toEqual({ ok: true, at: at('2026-12-04T10:01:00.000Z') });
      expect(nextFireTime({ cron: '0 9 * * *' }, after)).toEqual({ ok: true, at: at('2026-12-05T09:00:00.000Z') });
      expect(nextFireTime({ cron: '0 9 * * *', timezone: 'Europe/Prague' }, after)).toEqual({ ok: true, at: at('2026-12-05T08:00:00.000Z') });
      expect(nextFireTime({ cron: '* * * * *' }, after + 60_000)).toEqual({ ok: true, at: at('2026-12-04T10:02:00.000Z') });
    }
  });

  it('keeps answering an invalid expression with its error, and an interval schedule from its start', () => {
    for (let i = 0; i < 2; i++) {
      const answer = nextFireTime({ cron: 'every minute' }, 0);
      expect(answer.ok).toBe(false);
      expect(nextFireTime({ mode: 'interval', intervalMs: 500, cron: '* * * * *' }, 1000)).toEqual({ ok: true, at: 1500 });
    }
  });
});

describe('when many schedules start within the span of one answer', () => {
  const parsed = (cron: string, tz: string, after: number) => CronExpressionParser.parse(cron, { currentDate: new Date(after), tz }).next().getTime();

  it('answers every start as the parser does, up to the last millisecond before the fire and from the fire on', () => {
    const cases = [
      { cron: '* * * * *', tz: 'UTC', from: at('2026-12-04T10:00:00.000Z') },
      { cron: '*/10 * * * * *', tz: 'UTC', from: at('2026-12-04T10:00:00.000Z') },
      // Across the autumn change of time in Prague (02:00–03:00 happens twice on 2026-10-25).
      { cron: '30 2 * * *', tz: 'Europe/Prague', from: at('2026-10-24T23:00:00.000Z') },
    ];
    for (const { cron, tz, from } of cases) {
      const properties = { cron, timezone: tz };
      const first = parsed(cron, tz, from);
      const starts = [from, from + 1, from + 499, Math.floor((from + first) / 2), first - 1000, first - 1, first, first + 1, first + 999];
      for (const after of [...starts, ...starts.reverse()]) {
        expect(nextFireTime(properties, after), `${cron} ${tz} after ${new Date(after).toISOString()}`).toEqual({ ok: true, at: parsed(cron, tz, after) });
      }
    }
  });
});

describe('when a fire comes again', () => {
  /** What the engine lends the component, in memory: its state, the timers it sets (ids derive from the fire) and what it sends. */
  function fire(state: Map<string, unknown>, timeoutId: string) {
    const sent: unknown[] = [];
    const timers: string[] = [];
    const context = {
      properties: { cron: '* * * * *' },
      messages: { timeout: { content: { timeoutId, content: { scheduledFor: '2026-12-04T10:00:00.000Z' } }, correlationId: 'c', messageId: timeoutId } },
      state: {
        get: async (key: string) => state.get(key),
        set: async (key: string, value: unknown) => void state.set(key, value),
      },
      setTimeout: async () => {
        const id = `after-${timeoutId}`;
        timers.push(id);
        return id;
      },
      sendJson: async (data: unknown) => void sent.push(data),
      CancelError,
      RetryError,
    } as unknown as ComponentContext;
    return { run: () => Scheduler.behaviour.receive!(context), sent, timers };
  }

  it('runs again, re-arming the same timer, when its delivery died after it re-armed the schedule, and drops a fire of a replaced schedule', async () => {
    // The id alone, as stored until 2026-12-04.
    const state = new Map<string, unknown>([['timer', 'x']]);
    const first = fire(state, 'x');
    await first.run();
    expect(first.sent).toHaveLength(1);
    expect(state.get('timer')).toEqual({ timer: 'after-x', armedBy: 'x' });

    // Its process died before the delivery committed: the Bus delivers it again.
    const again = fire(state, 'x');
    await again.run();
    expect(again.sent).toHaveLength(1);
    expect(again.timers).toEqual(['after-x']);
    expect(state.get('timer')).toEqual({ timer: 'after-x', armedBy: 'x' });

    const stale = fire(state, 'w');
    await stale.run();
    expect(stale.sent).toHaveLength(0);
    expect(stale.timers).toHaveLength(0);

    const next = fire(state, 'after-x');
    await next.run();
    expect(next.sent).toHaveLength(1);
    expect(state.get('timer')).toEqual({ timer: 'after-after-x', armedBy: 'after-x' });
    // The fire before it is no longer the one that armed the current timer.
    const late = fire(state, 'x');
    await late.run();
    expect(late.sent).toHaveLength(0);
  });
});
