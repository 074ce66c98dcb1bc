/**
 * @module Page headers: what every Weft page (Studio, Backoffice, demo host) and its assets are served
 * with. Script comes only from files of this origin, never inline, so text that a bug lets into a page
 * cannot run; other sites may not frame the pages, sniff types or learn where a visitor came from.
 */
import type { MiddlewareHandler } from 'hono';

/**
 * Styles may be inline: the widgets put their CSS in `<style>` elements of their shadow roots and
 * React sets `style` attributes. Monaco runs its language services in workers built as files.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': PAGE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'SAMEORIGIN',
};

export const pageHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(PAGE_HEADERS)) c.res.headers.set(name, value);
};
