import { describe, expect, it } from 'vitest';
import { createSseParser } from './sse-parser.ts';
import type { SseEvent } from './sse-parser.ts';

function parse(chunks: string[]): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createSseParser((event) => events.push(event));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return events;
}

describe('the SSE parser', () => {
  it('joins multi-line data and names default events message', () => {
    expect(parse(['data: a\ndata:b\n\n'])).toEqual([{ event: 'message', data: 'a\nb' }]);
  });
  it('handles CRLF split between chunks, comments, ids and retry', () => {
    expect(parse([': comment\r', '\nevent: log\r\nid: 3\r\nretry: 500\r\ndata: {}\r', '\n\r\n'])).toEqual([{ event: 'log', data: '{}', id: '3', retry: 500 }]);
  });
  it('drops a frame that never ended', () => {
    expect(parse(['data: complete\n\ndata: partial'])).toEqual([{ event: 'message', data: 'complete' }]);
  });
  it('keeps the last id for later frames', () => {
    expect(parse(['id: 1\ndata: a\n\ndata: b\n\n']).map((e) => e.id)).toEqual(['1', '1']);
  });
});
