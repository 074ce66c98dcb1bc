/** @module Scheduler: a trigger that starts a run on a cron schedule or at a fixed interval, durably. */
import { CronExpressionParser } from 'cron-parser';
import { defineComponent, type ComponentContext } from '@weft/connector-kit';

const MIN_INTERVAL_MS = 100;

type NextFire = { ok: true; at: number } | { ok: false; message: string };

/**
 * Recent answers of the cron parser by expression and time zone, each with the span it holds for.
 * The next fire after `after` is the same for every start from `after` up to that fire, so one
 * answer serves every schedule on the same expression armed within that span: 10,000
 * `* * * * *` flows started within a minute, or re-armed from the same due time, parse it once
 * (parsing was a tenth of each fire and of each start).
 */
const recentCronAnswers = new Map<string, { from: number; answer: NextFire }>();
const RECENT_CRON_ANSWERS = 512;

/** When the schedule fires next after `after`, or an error message. */
export function nextFireTime(properties: Record<string, unknown>, after: number): NextFire {
  const cron = typeof properties.cron === 'string' ? properties.cron.trim() : '';
  // `mode` only decides when both are set (the inspector keeps the hidden one).
  if (cron !== '' && properties.mode !== 'interval') {
    const timezone = typeof properties.timezone === 'string' && properties.timezone !== '' ? properties.timezone : 'UTC';
    const key = `${timezone} ${cron}`;
    const known = recentCronAnswers.get(key);
    if (known && (known.answer.ok ? after >= known.from && after < known.answer.at : after === known.from)) return known.answer;
    const answer = nextCronTime(cron, timezone, after);
    if (!known && recentCronAnswers.size >= RECENT_CRON_ANSWERS) recentCronAnswers.delete(recentCronAnswers.keys().next().value!);
    recentCronAnswers.set(key, { from: after, answer });
    return answer;
  }
  const interval = Number(properties.intervalMs);
  if (properties.intervalMs === undefined || properties.intervalMs === '' || !Number.isFinite(interval) || interval < MIN_INTERVAL_MS) {
    return { ok: false, message: `Set either "cron" or "intervalMs" (at least ${MIN_INTERVAL_MS} ms), got ${JSON.stringify(properties.intervalMs)}.` };
  }
  return { ok: true, at: after + interval };
}

function nextCronTime(cron: string, timezone: string, after: number): NextFire {
  try {
    const expression = CronExpressionParser.parse(cron, { currentDate: new Date(after), tz: timezone });
    return { ok: true, at: expression.next().getTime() };
  } catch (error) {
    return { ok: false, message: `The cron expression "${cron}" (time zone ${timezone}) is invalid: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function arm(context: ComponentContext, after: number, armedBy?: string): Promise<void> {
  let next = nextFireTime(context.properties, after);
  // After downtime, skip the missed fires instead of catching up with a burst of runs.
  if (next.ok && next.at <= Date.now()) next = nextFireTime(context.properties, Date.now());
  if (!next.ok) throw new context.CancelError(next.message);
  const timer = await context.setTimeout({ scheduledFor: new Date(next.at).toISOString() }, next.at - Date.now());
  const current: CurrentTimer = armedBy === undefined ? { timer } : { timer, armedBy };
  await context.state.set(CURRENT_TIMER, current);
}

/**
 * State key of the schedule in force: its timer, and the fire that armed it. A publish that changes
 * the schedule starts a new one (no `armedBy`). Until 2026-12-04 the value was the timer id alone.
 */
const CURRENT_TIMER = 'timer';

interface CurrentTimer {
  timer: string;
  armedBy?: string;
}

function currentTimer(value: unknown): CurrentTimer | undefined {
  if (typeof value === 'string') return { timer: value };
  if (typeof value !== 'object' || value === null || typeof (value as CurrentTimer).timer !== 'string') return undefined;
  const { timer, armedBy } = value as CurrentTimer;
  return typeof armedBy === 'string' ? { timer, armedBy } : { timer };
}

export const Scheduler = defineComponent(
  {
    name: 'weft.utils.timers.Scheduler',
    label: 'Scheduler',
    category: 'timers',
    icon: 'calendar-clock',
    description: 'Starts a run on a cron schedule (e.g. "0 9 * * 1-5") or every so many milliseconds. The schedule survives restarts.',
    trigger: true,
    outPorts: [
      {
        name: 'out',
        schema: {
          type: 'object',
          properties: {
            firedAt: { type: 'string', description: 'When the run started (ISO)', example: '2024-05-01T09:00:00.120Z' },
            scheduledFor: { type: 'string', description: 'When it was due (ISO)', example: '2024-05-01T09:00:00.000Z' },
          },
        },
      },
    ],
    properties: {
      schema: { type: 'object', properties: { mode: { type: 'string', enum: ['cron', 'interval'] }, cron: { type: 'string' }, timezone: { type: 'string' }, intervalMs: { type: 'number' } } },
      inspector: {
        inputs: {
          mode: { type: 'select', label: 'Repeat', index: 1, defaultValue: 'cron', options: [{ label: 'On a cron schedule', value: 'cron' }, { label: 'At a fixed interval', value: 'interval' }] },
          cron: { type: 'text', label: 'Cron expression', index: 2, placeholder: '0 9 * * 1-5', when: { eq: { mode: 'cron' } } },
          timezone: { type: 'text', label: 'Time zone', index: 3, placeholder: 'Europe/Prague', defaultValue: 'UTC', when: { eq: { mode: 'cron' } } },
          intervalMs: { type: 'number', label: 'Every (ms)', index: 4, placeholder: '60000', when: { eq: { mode: 'interval' } } },
        },
      },
    },
  },
  {
    async start(context) {
      // Started again by a publish that changed the schedule: the old schedule's timer goes.
      const previous = currentTimer(await context.state.get(CURRENT_TIMER));
      if (previous) await context.clearTimeout(previous.timer);
      await arm(context, Date.now());
    },
    async receive(context) {
      const timeout = context.messages.timeout;
      if (!timeout) return;
      // A timer of a schedule replaced since (one saved before this check has none in state).
      const current = currentTimer(await context.state.get(CURRENT_TIMER));
      const { timeoutId } = timeout.content as { timeoutId?: unknown };
      // The fire that armed the current timer comes again when its process died before its delivery
      // committed (the engine never delivers a committed fire twice): it runs, and re-arms the same
      // timer (its id derives from this fire's). Without this, that minute's run would be lost.
      if (current !== undefined && timeoutId !== current.timer && timeoutId !== current.armedBy) return;
      const { content } = timeout.content as { content?: { scheduledFor?: unknown } };
      const scheduledFor = typeof content?.scheduledFor === 'string' ? content.scheduledFor : new Date().toISOString();
      await context.sendJson({ firedAt: new Date().toISOString(), scheduledFor }, 'out');
      // From the due time, not from now: a late fire does not shift the schedule.
      await arm(context, Number.isNaN(Date.parse(scheduledFor)) ? Date.now() : Date.parse(scheduledFor), typeof timeoutId === 'string' ? timeoutId : undefined);
    },
  },
);
