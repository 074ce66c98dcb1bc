/**
 * Issue 11, item 3: the demo host page loaded `<origin>/sdk/weft.js` from `?engine=<origin>` into a
 * page on Weft's origin. Now it is served only with WEFT_DEMO=true, under the pages' CSP, and takes
 * the engine from its own origin or a meta tag its server writes, never from the address.
 * (The browser side: the second test of e2e/journeys/host-page-embeds-widgets.spec.ts.)
 */
import { get as httpGet } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startTestWeft, type TestWeft } from '../harness.ts';

/** A GET on a connection of its own: a kept-alive static answer would hold the server's close for a minute. */
function http<T extends string>(url: string): Promise<{ status: number; body: T; headers: Headers }> {
  return new Promise((resolve, reject) => {
    httpGet(url, { agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => { body += chunk; });
      response.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(response.headers)) if (typeof value === 'string') headers.set(name, value);
        resolve({ status: response.statusCode ?? 0, body: body as T, headers });
      });
    }).on('error', reject);
  });
}

describe('the demo host', () => {
  it('is off unless WEFT_DEMO=true', () => {
    expect(loadConfig({}).WEFT_DEMO).toBe(false);
  });

  describe('without WEFT_DEMO', () => {
    let weft: TestWeft;
    beforeAll(async () => {
      weft = await startTestWeft({ env: { WEFT_STATIC: 'true' } });
    });
    afterAll(() => weft.close());

    it('is not served', async () => {
      for (const path of ['/demo-host/', '/demo-host/index.html', '/demo-host/host.js']) {
        const answer = await http<string>(`${weft.url}${path}`);
        expect(String(answer.body)).not.toContain('Acme CRM');
        expect(String(answer.body)).not.toContain('weft.ui.FlowManager');
      }
    });
  });

  describe('with WEFT_DEMO=true', () => {
    let weft: TestWeft;
    beforeAll(async () => {
      weft = await startTestWeft({ env: { WEFT_STATIC: 'true', WEFT_DEMO: 'true' } });
    });
    afterAll(() => weft.close());

    it('is served as a Weft page: strict CSP, and no script but files of its own', async () => {
      const page = await http<string>(`${weft.url}/demo-host/?engine=https://evil.example`);
      expect(page.status).toBe(200);
      expect(page.body).toContain('Acme CRM');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(page.headers.get('content-security-policy')).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'/);
      expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      const scripts = [...page.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, inline] of scripts) {
        expect(attributes).toMatch(/\bsrc="[^":]+"/);
        expect(inline!.trim()).toBe('');
      }
    });

    it('never takes the engine from the address', async () => {
      const script = await http<string>(`${weft.url}/demo-host/host.js`);
      expect(script.status).toBe(200);
      expect(script.body).toContain('/sdk/weft.js');
      expect(script.body).not.toMatch(/location\.(search|hash|href)|URLSearchParams|document\.URL/);
    });
  });
});
