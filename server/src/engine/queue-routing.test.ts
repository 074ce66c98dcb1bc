import { describe, expect, it } from 'vitest';
import { parseQueueConsumers, parseQueueRoutes, QueueRouting } from './queue-routing.ts';

describe('QueueRouting', () => {
  it('keeps every type on messages when no route is configured', () => {
    const routing = new QueueRouting();
    expect(routing.queues).toEqual(['messages']);
    expect(routing.queueFor('weft.utils.http.Request')).toBe('messages');
  });

  it('sends a type to the first queue whose pattern matches, and the rest to messages', () => {
    const routing = new QueueRouting([
      { queue: 'http', patterns: ['weft.utils.http.Request'] },
      { queue: 'slow', patterns: ['acme.*', 'weft.utils.http.*'] },
    ]);
    expect(routing.queues).toEqual(['messages', 'http', 'slow']);
    expect(routing.queueFor('weft.utils.http.Request')).toBe('http');
    expect(routing.queueFor('weft.utils.http.Webhook')).toBe('slow');
    expect(routing.queueFor('acme.crm.Upsert')).toBe('slow');
    expect(routing.queueFor('acmeX')).toBe('messages');
    expect(routing.queueFor(undefined)).toBe('messages');
  });
});

describe('parseQueueRoutes', () => {
  it('reads queue=pattern pairs separated by semicolons', () => {
    expect(parseQueueRoutes('http=weft.utils.http.Request; slow=acme.*,other.Slow')).toEqual({
      ok: true,
      value: [{ queue: 'http', patterns: ['weft.utils.http.Request'] }, { queue: 'slow', patterns: ['acme.*', 'other.Slow'] }],
    });
    expect(parseQueueRoutes('')).toEqual({ ok: true, value: [] });
  });

  it('refuses reserved names, repeated queues and entries without patterns', () => {
    expect(parseQueueRoutes('messages=a.*')).toMatchObject({ ok: false });
    expect(parseQueueRoutes('logs=a.*')).toMatchObject({ ok: false });
    expect(parseQueueRoutes('a=x;a=y')).toMatchObject({ ok: false });
    expect(parseQueueRoutes('slow')).toMatchObject({ ok: false });
  });
});

describe('parseQueueConsumers', () => {
  it('reads queue:prefetch, the prefetch being optional', () => {
    expect(parseQueueConsumers('messages:64, http')).toEqual({ ok: true, value: [{ queue: 'messages', prefetch: 64 }, { queue: 'http' }] });
    expect(parseQueueConsumers('http:0')).toMatchObject({ ok: false });
    expect(parseQueueConsumers('http:x')).toMatchObject({ ok: false });
  });
});
