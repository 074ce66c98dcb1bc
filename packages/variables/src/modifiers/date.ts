/**
 * @module Date modifiers: read dates (ISO text, epoch milliseconds), shift and format them. Dates
 * without a zone and formatting without a time zone mean UTC, so server and browser agree.
 */
import { ModifierArgsError, type ModifierDefinition } from '../modifier-definition.ts';
import { describeValue } from './value-coercion.ts';

const UNIT_MS: Record<string, number> = { millisecond: 1, second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 };
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const TOKENS = /\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd|HH|H|hh|h|mm|m|ss|s|SSS|A|a|Z/g;

export const dateModifiers: readonly ModifierDefinition[] = [
  {
    name: 'now',
    label: 'Now',
    category: 'date',
    description: 'The current date and time as ISO text (UTC). The value it is applied to is ignored.',
    args: [],
    examples: [{ input: null, args: [], output: '2024-05-01T12:00:00.000Z' }],
    run: () => new Date().toISOString(),
  },
  {
    name: 'toTimestamp',
    label: 'To timestamp',
    category: 'date',
    description: 'Milliseconds since 1970-01-01 UTC, or seconds when the unit is "s".',
    args: [{ name: 'unit', type: 'string', optional: true, description: '"ms" (default) or "s".' }],
    examples: [
      { input: '2024-01-01T00:00:00Z', args: [], output: 1704067200000 },
      { input: '2024-01-01T00:00:00Z', args: ['s'], output: 1704067200 },
    ],
    run: (value, unit) => {
      const ms = toDate(value).getTime();
      if (unit === undefined || unit === 'ms') return ms;
      if (unit === 's') return Math.floor(ms / 1000);
      throw new ModifierArgsError(`the unit must be "ms" or "s", got ${JSON.stringify(unit)}`);
    },
  },
  {
    name: 'toIsoString',
    label: 'To ISO date',
    category: 'date',
    description: 'Turns a date (text or milliseconds) into ISO text in UTC.',
    args: [],
    examples: [{ input: 1704067200000, args: [], output: '2024-01-01T00:00:00.000Z' }],
    run: (value) => toDate(value).toISOString(),
  },
  {
    name: 'dateAdd',
    label: 'Add time',
    category: 'date',
    description:
      'Adds an amount of milliseconds, seconds, minutes, hours, days, weeks, months or years (negative to go back). Adding months keeps the day within the month: Jan 31 + 1 month is Feb 29 or 28.',
    args: [
      { name: 'amount', type: 'number' },
      { name: 'unit', type: 'string', description: 'e.g. "days", "hour", "months".' },
    ],
    examples: [
      { input: '2024-01-31T10:00:00Z', args: [1, 'month'], output: '2024-02-29T10:00:00.000Z' },
      { input: '2024-01-01T00:00:00Z', args: [-2, 'hours'], output: '2023-12-31T22:00:00.000Z' },
    ],
    run: (value, amount, unit) => addToDate(toDate(value), amount as number, unit as string).toISOString(),
  },
  {
    name: 'dateDiff',
    label: 'Time between',
    category: 'date',
    description: 'How many whole units (e.g. "days") the value is after another date; negative when it is before.',
    args: [
      { name: 'other', type: 'any', description: 'The date to compare with.' },
      { name: 'unit', type: 'string', optional: true, description: 'Default "days".' },
    ],
    examples: [{ input: '2024-01-10T00:00:00Z', args: ['2024-01-01T00:00:00Z', 'days'], output: 9 }],
    run: (value, other, unit) => {
      const name = normalizeUnit((unit as string | undefined) ?? 'days');
      const from = toDate(other);
      const to = toDate(value);
      if (name === 'month' || name === 'year') {
        let months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
        const shifted = addToDate(from, months, 'month').getTime();
        if (months > 0 && shifted > to.getTime()) months -= 1;
        if (months < 0 && shifted < to.getTime()) months += 1;
        return name === 'year' ? Math.trunc(months / 12) : months;
      }
      return Math.trunc((to.getTime() - from.getTime()) / (UNIT_MS[name] ?? 1));
    },
  },
  {
    name: 'dateFormat',
    label: 'Format date',
    category: 'date',
    description:
      'Formats a date with tokens YYYY YY MMMM MMM MM M DD D dddd ddd HH H hh h mm m ss s SSS A a Z; text in [brackets] is kept as it is. Shown in UTC unless an IANA time zone such as "Europe/Prague" is given.',
    args: [
      { name: 'pattern', type: 'string', optional: true, description: 'Default "YYYY-MM-DD HH:mm:ss".' },
      { name: 'timeZone', type: 'string', optional: true },
    ],
    examples: [
      { input: '2024-07-04T08:05:09Z', args: ['YYYY-MM-DD HH:mm:ss'], output: '2024-07-04 08:05:09' },
      { input: '2024-07-04T08:05:09Z', args: ['D. M. YYYY H:mm Z', 'Europe/Prague'], output: '4. 7. 2024 10:05 +02:00' },
    ],
    run: (value, pattern, timeZone) => formatDate(toDate(value), (pattern as string | undefined) ?? 'YYYY-MM-DD HH:mm:ss', (timeZone as string | undefined) ?? 'UTC'),
  },
];

/** ISO text (a missing zone means UTC), "YYYY-MM-DD HH:mm:ss", epoch milliseconds as number or digits, or a Date. */
export function toDate(value: unknown): Date {
  let date: Date | undefined;
  if (value instanceof Date) date = new Date(value.getTime());
  else if (typeof value === 'number') date = new Date(value);
  else if (typeof value === 'string') {
    const text = value.trim();
    if (/^-?\d+$/.test(text)) date = new Date(Number(text));
    else {
      const iso = text.replace(/^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(:\d{2}(\.\d+)?)?)$/, '$1T$2Z');
      date = new Date(iso);
    }
  }
  if (date === undefined || Number.isNaN(date.getTime())) throw new Error(`expected a date, got ${describeValue(value)}`);
  return date;
}

function normalizeUnit(unit: string): string {
  const aliases: Record<string, string> = { ms: 'millisecond', s: 'second', sec: 'second', m: 'minute', min: 'minute', h: 'hour', d: 'day', w: 'week', y: 'year' };
  const lower = unit.trim().toLowerCase();
  const resolved = aliases[lower] ?? lower.replace(/s$/, '');
  if (resolved in UNIT_MS || resolved === 'month' || resolved === 'year') return resolved;
  throw new ModifierArgsError(`unknown unit ${JSON.stringify(unit)}; use milliseconds, seconds, minutes, hours, days, weeks, months or years`);
}

function addToDate(date: Date, amount: number, unit: string): Date {
  const name = normalizeUnit(unit);
  if (name === 'month' || name === 'year') {
    const months = Math.trunc(amount) * (name === 'year' ? 12 : 1);
    const result = new Date(date.getTime());
    const day = result.getUTCDate();
    result.setUTCDate(1);
    result.setUTCMonth(result.getUTCMonth() + months);
    const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
    result.setUTCDate(Math.min(day, lastDay));
    return result;
  }
  return new Date(date.getTime() + amount * (UNIT_MS[name] ?? 1));
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

/** The wall-clock time of `date` in `timeZone`, through Intl so any IANA zone works. */
function wallClock(date: Date, timeZone: string): WallClock {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
  } catch {
    throw new ModifierArgsError(`unknown time zone ${JSON.stringify(timeZone)}; use an IANA name such as "Europe/Prague" or "UTC"`);
  }
  const parts = Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
  const number = (type: string): number => Number(parts[type] ?? 0);
  return {
    year: number('year'),
    month: number('month'),
    day: number('day'),
    hour: number('hour') % 24,
    minute: number('minute'),
    second: number('second'),
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday ?? 'Sun'),
  };
}

function formatDate(date: Date, pattern: string, timeZone: string): string {
  const wall = wallClock(date, timeZone);
  const wallMs = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const offsetMinutes = Math.round((wallMs - (date.getTime() - date.getUTCMilliseconds())) / 60_000);
  const two = (n: number): string => String(n).padStart(2, '0');
  const hour12 = wall.hour % 12 === 0 ? 12 : wall.hour % 12;
  const values: Record<string, string> = {
    YYYY: String(wall.year).padStart(4, '0'),
    YY: two(wall.year % 100),
    MMMM: MONTH_NAMES[wall.month - 1] ?? '',
    MMM: (MONTH_NAMES[wall.month - 1] ?? '').slice(0, 3),
    MM: two(wall.month),
    M: String(wall.month),
    DD: two(wall.day),
    D: String(wall.day),
    dddd: DAY_NAMES[wall.weekday] ?? '',
    ddd: (DAY_NAMES[wall.weekday] ?? '').slice(0, 3),
    HH: two(wall.hour),
    H: String(wall.hour),
    hh: two(hour12),
    h: String(hour12),
    mm: two(wall.minute),
    m: String(wall.minute),
    ss: two(wall.second),
    s: String(wall.second),
    SSS: String(date.getUTCMilliseconds()).padStart(3, '0'),
    A: wall.hour < 12 ? 'AM' : 'PM',
    a: wall.hour < 12 ? 'am' : 'pm',
    Z: `${offsetMinutes < 0 ? '-' : '+'}${two(Math.floor(Math.abs(offsetMinutes) / 60))}:${two(Math.abs(offsetMinutes) % 60)}`,
  };
  return pattern.replace(TOKENS, (token, literal: string | undefined) => literal ?? values[token] ?? token);
}

