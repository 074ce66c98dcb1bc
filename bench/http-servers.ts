/**
 * @module The HTTP ceiling's servers, one per process: `node --import tsx bench/http-servers.ts <kind> <port>`.
 * Each answers `POST /hook` with the JSON body it received, upper-casing `who` (the bench flow's
 * work, without the flow): `bare` is node:http alone, `hono` is a Hono app on @hono/node-server,
 * as Weft's API is served.
 */
import { createServer } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const [kind, portText] = process.argv.slice(2);
const port = Number(portText);

const answer = (input: { n?: unknown; who?: unknown }) => ({ n: input.n, who: String(input.who).toUpperCase() });

if (kind === 'bare') {
  createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      const body = JSON.stringify(answer(JSON.parse(text) as { n?: unknown; who?: unknown }));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  }).listen(port, '127.0.0.1', () => console.log('listening'));
} else if (kind === 'hono') {
  const app = new Hono().post('/hook', async (c) => c.json(answer(await c.req.json())));
  serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => console.log('listening'));
} else {
  throw new Error(`Unknown server kind "${kind}": bare or hono.`);
}
