/** @module Wait: holds a message for a while or until a date, durably, then sends it on unchanged. */
import { defineComponent } from '@weft/connector-kit';

/** Milliseconds to wait for `delayMs` or `until` (an ISO date), or an error message. */
export function waitDelay(content: Record<string, unknown>, now: number): { ok: true; delayMs: number } | { ok: false; message: string } {
  const { delayMs, until } = content;
  if (until !== undefined && until !== null && until !== '') {
    const at = typeof until === 'number' ? until : typeof until === 'string' ? Date.parse(until) : NaN;
    if (Number.isNaN(at)) return { ok: false, message: `"until" must be a date such as 2024-05-01T09:00:00Z, got ${JSON.stringify(until)}.` };
    return { ok: true, delayMs: Math.max(0, at - now) };
  }
  if (delayMs !== undefined && delayMs !== null && delayMs !== '') {
    const ms = Number(delayMs);
    if (!Number.isFinite(ms) || ms < 0) return { ok: false, message: `"delayMs" must be a number of milliseconds, got ${JSON.stringify(delayMs)}.` };
    return { ok: true, delayMs: ms };
  }
  return { ok: false, message: 'Set how long to wait: "delayMs" or "until".' };
}

export const Wait = defineComponent(
  {
    name: 'weft.utils.timers.Wait',
    label: 'Wait',
    category: 'timers',
    icon: 'hourglass',
    description: 'Holds the message for a number of milliseconds or until a date, then sends it on unchanged. Waiting survives restarts.',
    inPorts: [
      {
        name: 'in',
        schema: { type: 'object', properties: { mode: { type: 'string', enum: ['delay', 'until'] }, delayMs: { type: 'number' }, until: { type: 'string' } } },
        inspector: {
          inputs: {
            mode: { type: 'select', label: 'Wait', index: 1, defaultValue: 'delay', variables: false, options: [{ label: 'For a while', value: 'delay' }, { label: 'Until a date', value: 'until' }] },
            delayMs: { type: 'number', label: 'Milliseconds', index: 2, when: { neq: { mode: 'until' } } },
            until: { type: 'date-time', label: 'Until', index: 3, when: { eq: { mode: 'until' } } },
          },
        },
      },
    ],
    outPorts: [{ name: 'out', schema: { type: 'any', description: 'The message Wait received, unchanged.' } }],
  },
  {
    async receive(context) {
      const timeout = context.messages.timeout;
      if (timeout) {
        const { content } = timeout.content as { content?: { upstream?: unknown } };
        await context.sendJson(content?.upstream ?? {}, 'out');
        return;
      }
      const input = context.messages.in;
      if (!input) return;
      const delay = waitDelay(input.content, Date.now());
      if (!delay.ok) throw new context.CancelError(delay.message);
      await context.setTimeout({ upstream: input.upstream ?? input.content }, delay.delayMs);
    },
  },
);
