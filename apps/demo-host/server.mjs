// The demo host's own backend: a customer's web server, on an origin of its own (port 2400).
// It holds a Weft host API key (WEFT_HOST_KEY, from `weft keys create`) and never hands it to the
// page. For the person on the page (known by this server's own cookie) it upserts a tenant and a
// user in Weft, and mints the short-lived tokens the SDK asks for through getAccessToken.
// No dependencies: node:http and fetch.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

const env = process.env;
const WEFT_URL = (env.WEFT_URL ?? 'http://127.0.0.1:2300').replace(/\/+$/, '');
const HOST_KEY = env.WEFT_HOST_KEY;
const PORT = Number(env.DEMO_HOST_PORT ?? 2400);
const TENANT = env.DEMO_TENANT ?? 'acme';
const TOKEN_TTL_SECONDS = Number(env.DEMO_TOKEN_TTL_SECONDS ?? 600);

if (!HOST_KEY || !HOST_KEY.startsWith('wk_')) {
  console.error('Set WEFT_HOST_KEY to a host API key: node server/bin/weft.js keys create --name "Demo host" (it prints wk_…).');
  process.exit(2);
}

const here = (name) => fileURLToPath(new URL(name, import.meta.url));
const page = readFileSync(here('index.html'), 'utf8').replace('<head>',
  `<head>\n  <meta name="weft-engine" content="${WEFT_URL}" />\n  <meta name="weft-token-url" content="/api/weft-token" />`);
const script = readFileSync(here('host.js'), 'utf8');
let minted = 0;

/** Server to server, with the host key: the page never sees it. */
async function weft(method, path, body) {
  const response = await fetch(`${WEFT_URL}/host${path}`, {
    method, headers: { authorization: `Bearer ${HOST_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(`Weft ${method} ${path}: ${response.status} ${answer.error?.code}: ${answer.error?.message}`);
  return answer;
}

const people = new Set();
/** The tenant once per process; each person the first time they ask (both upserts are idempotent anyway). */
async function provision(person) {
  if (people.size === 0) await weft('PUT', `/tenants/${TENANT}`, { name: 'Acme Corporation' });
  if (!people.has(person)) {
    await weft('PUT', `/tenants/${TENANT}/users/${person}`, { name: `Acme person ${person.slice(0, 6)}`, role: 'owner' });
    people.add(person);
  }
}

const personOf = (request) => /(?:^|;\s*)acme_person=([A-Za-z0-9_-]{8,64})/.exec(request.headers.cookie ?? '')?.[1];

const server = createServer(async (request, response) => {
  const send = (status, type, body, headers = {}) => {
    response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
    response.end(body);
  };
  try {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (request.method === 'GET' && (path === '/' || path === '/index.html')) {
      // The host's own sign-in, reduced to a cookie: whoever holds it is this person.
      const person = personOf(request) ?? randomBytes(12).toString('base64url');
      return send(200, 'text/html; charset=utf-8', page, { 'set-cookie': `acme_person=${person}; Path=/; HttpOnly; SameSite=Strict` });
    }
    if (request.method === 'GET' && path === '/host.js') return send(200, 'text/javascript; charset=utf-8', script);
    if (request.method === 'POST' && path === '/api/weft-token') {
      const person = personOf(request);
      // Only this page may ask (SameSite=Strict cookie, and a header a cross-site form cannot send).
      if (!person || request.headers['x-acme'] !== '1') return send(401, 'application/json', JSON.stringify({ error: 'not signed in to Acme' }));
      await provision(person);
      const { token, expiresAt } = await weft('POST', `/tenants/${TENANT}/users/${person}/tokens`, { ttlSeconds: TOKEN_TTL_SECONDS });
      minted += 1;
      return send(200, 'application/json', JSON.stringify({ token, expiresAt, person: `Acme person ${person.slice(0, 6)}` }));
    }
    if (request.method === 'GET' && path === '/api/stats') return send(200, 'application/json', JSON.stringify({ minted }));
    return send(404, 'text/plain', 'Not found');
  } catch (error) {
    console.error('[demo-host]', error);
    return send(502, 'application/json', JSON.stringify({ error: 'Weft did not provision this person' }));
  }
});

server.listen(PORT, '127.0.0.1', () => {
  console.log(`Demo host on http://127.0.0.1:${PORT}/ (Weft at ${WEFT_URL}, tenant "${TENANT}", tokens of ${TOKEN_TTL_SECONDS} s)`);
  console.log(`Weft must allow this origin: WEFT_CORS_ORIGINS=http://127.0.0.1:${PORT}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
