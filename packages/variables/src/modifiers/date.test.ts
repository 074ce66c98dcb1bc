import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyChain as apply, evaluateChain as evaluate } from './apply-chain.ts';


const instant = '2024-01-15T23:30:05.123Z';

describe('when formatting a date', () => {
  it('uses UTC unless a time zone is given', async () => {
    expect(await apply(instant, 'dateFormat')).toBe('2024-01-15 23:30:05');
    expect(await apply(instant, 'dateFormat("YYYY-MM-DDTHH:mm:ss.SSSZ")')).toBe('2024-01-15T23:30:05.123+00:00');
  });

  it('shows the wall-clock time of an IANA time zone, across the date line and in summer time', async () => {
    expect(await apply(instant, 'dateFormat("YYYY-MM-DD HH:mm Z", "Europe/Prague")')).toBe('2024-01-16 00:30 +01:00');
    expect(await apply('2024-07-15T12:00:00Z', 'dateFormat("HH:mm Z", "Europe/Prague")')).toBe('14:00 +02:00');
    expect(await apply(instant, 'dateFormat("YYYY-MM-DD HH:mm Z", "America/New_York")')).toBe('2024-01-15 18:30 -05:00');
    expect(await apply(instant, 'dateFormat("HH:mm Z", "Asia/Kolkata")')).toBe('05:00 +05:30');
  });

  it('writes month and day names, 12-hour clocks and literal text in brackets', async () => {
    expect(await apply(instant, 'dateFormat("dddd, MMMM D [at] h:mm A")')).toBe('Monday, January 15 at 11:30 PM');
    expect(await apply('2024-03-05T00:07:00Z', 'dateFormat("ddd MMM DD YY hh a M/D m s")')).toBe('Tue Mar 05 24 12 am 3/5 7 0');
  });

  it('reads timestamps and zone-less text as UTC', async () => {
    expect(await apply(0, 'dateFormat')).toBe('1970-01-01 00:00:00');
    expect(await apply('86400000', 'dateFormat("YYYY-MM-DD")')).toBe('1970-01-02');
    expect(await apply('2024-02-03 04:05:06', 'toIsoString')).toBe('2024-02-03T04:05:06.000Z');
    expect(await apply('2024-02-03T04:05', 'toTimestamp')).toBe(Date.UTC(2024, 1, 3, 4, 5));
  });

  it('fails clearly on something that is not a date or an unknown time zone', async () => {
    expect(await evaluate('soon', 'dateFormat')).toMatchObject({ ok: false, error: { code: 'modifier.failed', message: 'dateFormat: expected a date, got the text "soon"' } });
    expect(await evaluate(null, 'toTimestamp')).toMatchObject({ ok: false, error: { code: 'modifier.failed' } });
    expect(await evaluate(instant, 'dateFormat("HH", "Mars/Olympus")')).toMatchObject({ ok: false, error: { code: 'modifier.bad_args' } });
  });
});

describe('when shifting dates', () => {
  it('adds and subtracts every unit', async () => {
    expect(await apply(instant, 'dateAdd(1, "day")')).toBe('2024-01-16T23:30:05.123Z');
    expect(await apply(instant, 'dateAdd(-30, "minutes")')).toBe('2024-01-15T23:00:05.123Z');
    expect(await apply(instant, 'dateAdd(2, "weeks")')).toBe('2024-01-29T23:30:05.123Z');
    expect(await apply('2024-02-29T00:00:00Z', 'dateAdd(1, "year")')).toBe('2025-02-28T00:00:00.000Z');
    expect(await apply('2024-03-31T00:00:00Z', 'dateAdd(-1, "month")')).toBe('2024-02-29T00:00:00.000Z');
    expect(await apply(0, 'dateAdd(1500, "ms")')).toBe('1970-01-01T00:00:01.500Z');
  });

  it('rejects an unknown unit', async () => {
    expect(await evaluate(instant, 'dateAdd(1, "fortnight")')).toMatchObject({ ok: false, error: { code: 'modifier.bad_args' } });
  });

  it('counts whole units between dates', async () => {
    expect(await apply('2024-03-01T00:00:00Z', 'dateDiff("2024-01-31T00:00:00Z", "months")')).toBe(1);
    expect(await apply('2024-01-01T00:00:00Z', 'dateDiff("2024-01-02T12:00:00Z")')).toBe(-1);
    expect(await apply('2025-01-01T00:00:00Z', 'dateDiff("2024-01-02T00:00:00Z", "years")')).toBe(0);
    expect(await apply('2024-01-01T03:00:00Z', 'dateDiff("2024-01-01T00:00:00Z", "hours")')).toBe(3);
  });
});

describe('when asking for the current time', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  it('ignores the value and gives now as ISO text', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(instant));
    expect(await apply(undefined, 'now')).toBe(instant);
    expect(await apply('whatever', 'now | toTimestamp("s")')).toBe(Math.floor(Date.parse(instant) / 1000));
    expect(await evaluate(instant, 'toTimestamp("minutes")')).toMatchObject({ ok: false, error: { code: 'modifier.bad_args' } });
  });
});
