/** @module Helpers of the security suite: a recording HTTP server on 127.0.0.1 and a Webhook → Request → Response flow. */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export { REQUEST, requestFlow } from '../connectors/flow-builder.ts';

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

