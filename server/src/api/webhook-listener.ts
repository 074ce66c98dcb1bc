/**
 * @module Webhook listener: webhook calls answered straight from node:http, before Hono.
 *
 * A webhook call is the one request an embedding host's customers send by the thousand; through Hono it
 * paid for a fetch Request, the app's middleware chain, the router and a Response object, about a fifth
 * of a webhook → Set → Response run's time on the engine thread (--cpu-prof). This listener takes the
 * calls whose address is plain (`/flows/<id>/components/<id>` in unreserved characters, any method but
 * OPTIONS and HEAD) and answers them through the same `answerWebhookCall` as the Hono route, with the
 * same body limit; everything else, preflights included, goes on to Hono. A test sends the same calls
 * both ways and compares the answers (test/api/webhook-listener.test.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Engine } from '../engine/engine.ts';
import { bodyTooLarge } from './errors.ts';
import { answerWebhookCall, refusalAnswer, type WebhookAnswer, type WebhookOptions } from './webhooks.ts';

/** A segment in unreserved characters that is not `.` or `..`: Hono and the URL parser read it exactly as written. */
const SEGMENT = '([A-Za-z0-9_~-][A-Za-z0-9_.~-]{0,199})';
const PLAIN_WEBHOOK = new RegExp(`^/flows/${SEGMENT}/components/${SEGMENT}(?:\\?(.*))?$`, 's');

export interface WebhookListenerOptions extends WebhookOptions {
  /** Largest body taken (`WEFT_MAX_BODY_BYTES`), as the API's body limit. */
  maxBodyBytes: number;
}

/** Answers `req` and returns true when it is a plain webhook call; returns false, untouched, for Hono. */
export type WebhookListener = (req: IncomingMessage, res: ServerResponse) => boolean;

export function webhookListener(engine: Engine, options: WebhookListenerOptions): WebhookListener {
  return (req, res) => {
    if (req.method === 'OPTIONS' || req.method === 'HEAD') return false;
    const match = PLAIN_WEBHOOK.exec(req.url ?? '');
    if (match === null) return false;
    const [, flowId, componentId, search] = match as unknown as [string, string, string, string | undefined];
    const refuseTooLarge = () => send(res, refusalAnswer(bodyTooLarge(options.maxBodyBytes)));
    const declared = req.headers['content-length'];
    const isCounted = declared === undefined || req.headers['transfer-encoding'] !== undefined;
    if (!isCounted && Number(declared) > options.maxBodyBytes) {
      refuseTooLarge();
      return true;
    }
    const answer = (readBody: () => Promise<string>) => answerWebhookCall(engine, options, {
      flowId,
      componentId,
      method: req.method ?? 'GET',
      path: search === undefined ? req.url! : req.url!.slice(0, req.url!.length - search.length - 1),
      headers: headerRecord(req),
      query: queryRecord(search),
      readBody,
    });
    const failed = (error: unknown) => {
      engine.reportError(error);
      res.destroy();
    };
    if (isCounted) {
      // A body without a length is counted as it arrives and read before anything else, as the app's body limit does.
      readCounted(req, options.maxBodyBytes).then((text) => {
        if (text === undefined) refuseTooLarge();
        else return answer(() => Promise.resolve(text)).then((answered) => send(res, answered));
      }).catch(failed);
    } else {
      answer(() => readCounted(req, options.maxBodyBytes).then((text) => text ?? '')).then((answered) => send(res, answered), failed);
    }
    return true;
  };
}

const DECODER = new TextDecoder();

/** The body as text (UTF-8, a BOM dropped, as fetch's `text()`), or undefined once it passes `max` bytes (the rest is left unread). */
function readCounted(req: IncomingMessage, max: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.resume();
      resolve(undefined);
    };
    req.on('data', onData);
    req.once('end', () => resolve(DECODER.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))));
    req.once('error', reject);
  });
}

function send(res: ServerResponse, answer: WebhookAnswer): void {
  if (res.destroyed) return;
  const headers = answer.body === null ? answer.headers : { ...answer.headers, 'content-length': String(Buffer.byteLength(answer.body)) };
  res.writeHead(answer.status, headers);
  res.end(answer.body ?? undefined);
}

/** As fetch's Headers give them: lower-case names in order, a repeated name's values joined by ", ". */
function headerRecord(req: IncomingMessage): Record<string, string> {
  const raw = req.rawHeaders;
  const joined = new Map<string, string>();
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!.trim();
    const before = joined.get(name);
    joined.set(name, before === undefined ? value : `${before}, ${value}`);
  }
  const headers: Record<string, string> = {};
  for (const name of [...joined.keys()].sort()) headers[name] = joined.get(name)!;
  return headers;
}

/** The first value of each query parameter, as Hono's `c.req.query()`. */
function queryRecord(search: string | undefined): Record<string, string> {
  const query = Object.create(null) as Record<string, string>;
  if (search === undefined || search === '') return query;
  for (const [name, value] of new URLSearchParams(search)) if (name !== '' && !Object.hasOwn(query, name)) query[name] = value;
  return query;
}
