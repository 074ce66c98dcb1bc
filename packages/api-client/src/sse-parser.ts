/** @module SSE parser: turns a text/event-stream byte stream into events, without EventSource (which cannot send headers). */

export interface SseEvent {
  /** `message` when the frame names no event. */
  event: string;
  data: string;
  id?: string;
  /** Reconnection delay the server asked for, in ms. */
  retry?: number;
}

/**
 * Feed decoded text chunks in any split; `onEvent` fires once per complete frame.
 * Follows the WHATWG rules that matter here: `data:` lines join with `\n`, one leading space
 * after the colon is dropped, `:` lines are comments, CRLF / CR / LF all end a line.
 */
export function createSseParser(onEvent: (event: SseEvent) => void): { push(chunk: string): void; end(): void } {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  let retry: number | undefined;

  const dispatch = (): void => {
    if (data.length > 0) {
      const out: SseEvent = { event: event || 'message', data: data.join('\n') };
      if (id !== undefined) out.id = id;
      if (retry !== undefined) out.retry = retry;
      onEvent(out);
    }
    event = '';
    data = [];
    retry = undefined;
  };

  const line = (text: string): void => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event': event = value; break;
      case 'data': data.push(value); break;
      case 'id': if (!value.includes('\0')) id = value; break;
      case 'retry': if (/^\d+$/.test(value)) retry = Number(value); break;
      default: break;
    }
  };

  return {
    push(chunk) {
      buffer += chunk;
      for (;;) {
        const match = /\r\n|\r|\n/.exec(buffer);
        if (!match) break;
        // A lone CR at the very end may be the first half of CRLF: wait for the next chunk.
        if (match[0] === '\r' && match.index === buffer.length - 1) break;
        line(buffer.slice(0, match.index));
        buffer = buffer.slice(match.index + match[0].length);
      }
    },
    end() {
      if (buffer) line(buffer.replace(/\r$/, ''));
      buffer = '';
      // A frame without its blank line is incomplete and discarded, as in EventSource.
      data = [];
      event = '';
    },
  };
}
