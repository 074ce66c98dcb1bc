/** @module Response: answers the held HTTP request of the webhook that started the run. */
import { defineComponent, type MappingProblem } from '@weft/connector-kit';
import { allowedAnswerHeaders, refusedHeaderName, refusedHeaderValue } from './answer-headers.ts';

export const Response = defineComponent(
  {
    name: 'weft.utils.http.Response',
    label: 'Response',
    category: 'http',
    icon: 'reply',
    // Answering the held request twice (a fused chain run again after a crash) is harmless: the first answer wins.
    pure: true,
    description: 'Answers the webhook call that started this run with a status, headers and body.',
    inPorts: [
      {
        name: 'in',
        schema: { type: 'object', properties: { status: { type: 'number' }, headers: { type: 'object' }, body: { type: 'any' } } },
        inspector: {
          inputs: {
            status: { type: 'number', label: 'Status', defaultValue: 200 },
            headers: { type: 'key-value', label: 'Headers' },
            body: { type: 'textarea', label: 'Body' },
          },
        },
      },
    ],
  },
  {
    async receive(context) {
      const content = context.messages.in?.content ?? {};
      const status = content.status === undefined || content.status === '' ? 200 : Number(content.status);
      if (!Number.isInteger(status) || status < 100 || status > 599) {
        throw new context.CancelError(`Status must be an HTTP status code (100–599), got ${JSON.stringify(content.status)}.`);
      }
      const headers: Record<string, string> = {};
      if (content.headers && typeof content.headers === 'object') {
        for (const [key, value] of Object.entries(content.headers)) headers[key] = String(value);
      }
      // Names and values from variables are only known now: leave out what may not go, and say so.
      const allowed = allowedAnswerHeaders(headers, (name, refusal) => context.log('warn', `Header "${name}" left out of the answer: ${refusal.reason}.`));
      await context.response(content.body ?? null, status, allowed);
    },

    /** Literal header names and values are judged when the flow is saved, before anyone calls it. */
    validateMapping({ lambda }): MappingProblem[] {
      const { headers } = lambda;
      if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return [];
      const problems: MappingProblem[] = [];
      for (const [name, value] of Object.entries(headers)) {
        const refusal = refusedHeaderName(name) ?? (typeof value === 'string' && !value.includes('{{{') ? refusedHeaderValue(name, value) : undefined);
        if (refusal) problems.push({ code: refusal.code, message: `${refusal.reason}; remove it from the Response's headers`, field: ['headers', name] });
      }
      return problems;
    },
  },
);
