import { once } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LoopSlices, yieldToEventLoop } from './loop-slices.ts';

/**
 * Two connections to one server. `work` runs in the callback of a request on the first (the loop's
 * poll phase, where every request's handler starts); `other` is a request on the second, sent from
 * inside `work` before it yields: it is waiting when the loop next reads its sockets.
 */
async function twoConnections(): Promise<{ server: Server; first: Socket; second: Socket; onData: (on: 'first' | 'second', handle: () => void) => void }> {
  const handlers: { first?: () => void; second?: () => void } = {};
  let accepted = 0;
  const server = createServer((socket) => {
    const which = accepted++ === 0 ? 'first' : 'second';
    socket.on('data', () => handlers[which]?.());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  const first = createConnection(port, '127.0.0.1');
  await once(server, 'connection');
  const second = createConnection(port, '127.0.0.1');
  await once(server, 'connection');
  return { server, first, second, onData: (on, handle) => { handlers[on] = handle; } };
}

describe('when long work on the event loop gives a turn', () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());

  for (const [name, pause] of [
    ['yieldToEventLoop', () => yieldToEventLoop()],
    ['a slice that is due', () => new LoopSlices(0).due()],
  ] as const) {
    it(`answers a request that came in meanwhile before going on, from a request's own callback (${name})`, async () => {
      const { server, first, second, onData } = await twoConnections();
      close = () => { first.destroy(); second.destroy(); server.close(); };
      const order: string[] = [];
      const done = new Promise<void>((resolve) => {
        onData('second', () => order.push('the other request'));
        onData('first', () => {
          void (async () => {
            order.push('work begins');
            second.write('/health');
            await pause();
            order.push('work goes on');
            resolve();
          })();
        });
      });
      first.write('save a big flow');
      await done;
      expect(order).toEqual(['work begins', 'the other request', 'work goes on']);
    });
  }
});
