/** nextFireTime: remembering recent cron answers changes no answer. */
import { describe, expect, it } from 'vitest';
import { nextFireTime } from './scheduler.ts';

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
