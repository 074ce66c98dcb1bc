/** @module Helpers of the security suite: a recording HTTP server on 127.0.0.1 and a Webhook → Request → Response flow. */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { node, reply, WEBHOOK } from '../connectors/flow-builder.ts';

export const REQUEST = 'weft.utils.http.Request';

export interface Hit {
  path: string;
  method: string;
  headers: IncomingHttpHeaders;
}

export interface RecordingServer {
  url: string;
  port: number;
  hits: Hit[];
  close(): Promise<void>;
}

/** A server on 127.0.0.1 that records every request it gets and answers with `handle`. */
export async function recordingServer(handle: (request: IncomingMessage, response: ServerResponse, url: URL) => void): Promise<RecordingServer> {
  const hits: Hit[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    hits.push({ path: url.pathname, method: request.method ?? '', headers: request.headers });
    request.resume();
    handle(request, response, url);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    hits,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Webhook → Request (every field mapped from the webhook body) → Response echoing what Request sent on. */
export function requestFlow() {
  return {
    hook: node(WEBHOOK),
    request: node(REQUEST, ['hook.out'], {
      lambda: {
        method: '{{{$.hook.out.body.method}}}', url: '{{{$.hook.out.body.url}}}', headers: '{{{$.hook.out.body.headers}}}',
        body: '{{{$.hook.out.body.payload}}}', timeoutMs: '{{{$.hook.out.body.timeoutMs}}}',
      },
    }),
    reply: reply('request.out', '{{{$.request.out}}}'),
  };
}
