/**
 * `weft generate openapi` (issue 15): a small Petstore in YAML and GitHub's real document
 * (`@octokit/openapi`, ~1,200 operations) become connector packages that validate as the engine
 * loads them; generated components call a local server that answers like the spec.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Manifest } from '@weft/connector-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConnectorCommand } from '../../src/connector-command.ts';
import { runGenerateCommand } from '../../src/generate-command.ts';

const PETSTORE = fileURLToPath(new URL('./fixtures/petstore.yaml', import.meta.url));
const GITHUB = fileURLToPath(import.meta.resolve('@octokit/openapi/generated/api.github.com.json'));

type Printed = { code: number; out: string; err: string };
async function capture(run: (out: (line: string) => void, err: (line: string) => void) => Promise<number>): Promise<Printed> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run((line) => out.push(line), (line) => err.push(line));
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const generate = (...args: string[]) => capture((out, err) => runGenerateCommand(['openapi', ...args], out, err));
const connector = (...args: string[]) => capture((out, err) => runConnectorCommand(args, out, err));

interface Seen { method: string; url: string; headers: IncomingMessage['headers']; body: string }

/** A local HTTP server answering with `answer(request)`, noting every request. */
async function fakeApi(answer: (seen: Seen) => { status: number; body?: unknown }): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const entry = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body };
      seen.push(entry);
      const { status, body: reply } = answer(entry);
      response.writeHead(status, reply === undefined ? {} : { 'content-type': 'application/json' });
      response.end(reply === undefined ? undefined : JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

function operations(dir: string): { operationId: string; manifest: Manifest; request: Record<string, unknown> }[] {
  return JSON.parse(readFileSync(join(dir, 'src', 'operations.json'), 'utf8')) as { operationId: string; manifest: Manifest; request: Record<string, unknown> }[];
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'weft-generate-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a Petstore document in YAML', () => {
  let api: Awaited<ReturnType<typeof fakeApi>>;
  let dir: string;
  beforeAll(async () => {
    api = await fakeApi(({ method, url, headers }) => {
      if (headers['x-api-key'] !== 'secret-key') return { status: 401, body: { message: 'bad key' } };
      if (method === 'POST' && url === '/v1/pets') return { status: 201, body: { id: 7, name: 'Rex', tag: 'dog' } };
      if (method === 'GET' && url.startsWith('/v1/pets?')) return { status: 200, body: [{ id: 1, name: 'Tom' }] };
      return { status: 404, body: { message: 'no such pet' } };
    });
    dir = join(work, 'petstore');
  });
  afterAll(() => api.server.close());

  it('becomes a package with one component per operation, fields from parameters and body, outputs from the 2xx answer', { timeout: 60_000 }, async () => {
    const generated = await generate(PETSTORE, '--out', dir, '--name', 'acme.petstore', '--base-url', `${api.url}/v1`);
    expect(generated).toMatchObject({ code: 0, out: expect.stringContaining('Generated acme.petstore') });
    const validated = await connector('validate', dir);
    expect(validated.code).toBe(0);
    expect(validated.out).toContain('✓ acme.petstore 0.1.0: 4 components');

    const byId = new Map(operations(dir).map((op) => [op.operationId, op]));
    const list = byId.get('listPets')!.manifest;
    expect(list.name).toBe('acme.petstore.ListPets');
    expect(list.inPorts[0]!.inspector!.inputs.limit).toMatchObject({ type: 'number', tooltip: 'How many items to return at one time (max 100)' });
    expect(list.inPorts[0]!.inspector!.inputs.status).toMatchObject({ type: 'select', options: [{ value: 'available' }, { value: 'pending' }, { value: 'sold' }] });
    // An array answer arrives under `items`, with the item's fields for the variable picker.
    expect(list.outPorts[0]!.schema).toMatchObject({ type: 'object', properties: { items: { type: 'array', items: { properties: { id: { type: 'integer' }, name: { type: 'string' } } } } } });

    const create = byId.get('createPets')!.manifest;
    expect(create.inPorts[0]!.schema).toMatchObject({ required: ['name'], properties: { name: { type: 'string' }, attributes: { type: 'object' } } });
    // allOf merged; the Pet → Owner → Pet cycle cut instead of recursing.
    expect(create.outPorts[0]!.schema).toMatchObject({ required: expect.arrayContaining(['name', 'id']), properties: { id: { type: 'integer' }, owner: { properties: { pets: { type: 'array' } } } } });
    expect(byId.get('showPetById')!.manifest.inPorts[0]!.schema!.required).toEqual(['petId']);
    // The account: the document's API key scheme.
    const packageJson = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { weft: { auth: unknown } };
    expect(packageJson.weft.auth).toMatchObject({ type: 'apiKey', fields: { apiKey: { label: 'X-API-Key', type: 'password', required: true } } });
    expect(create.properties!.inspector!.inputs.account).toMatchObject({ type: 'select', source: { name: 'accounts' } });
  });

  it('a generated component sends the body and the account\'s key, and passes the answer on', { timeout: 60_000 }, async () => {
    writeFileSync(join(work, 'pet.json'), JSON.stringify({ name: 'Rex', tag: 'dog', attributes: '{"age": 3}' }));
    writeFileSync(join(work, 'key.json'), JSON.stringify({ type: 'apiKey', fields: { apiKey: 'secret-key' } }));
    const created = await connector('test', dir, 'CreatePets', '--input', join(work, 'pet.json'), '--account', join(work, 'key.json'));
    expect(created.code).toBe(0);
    expect(JSON.parse(created.out)).toEqual({ component: 'acme.petstore.CreatePets', sent: [{ port: 'out', data: { id: 7, name: 'Rex', tag: 'dog' } }] });
    const request = api.seen.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', url: '/v1/pets', headers: { 'content-type': 'application/json', 'x-api-key': 'secret-key' } });
    // The JSON typed into the object field arrives as an object.
    expect(JSON.parse(request.body)).toEqual({ name: 'Rex', tag: 'dog', attributes: { age: 3 } });

    writeFileSync(join(work, 'query.json'), JSON.stringify({ limit: 5, status: 'sold' }));
    const listed = await connector('test', dir, 'ListPets', '--input', join(work, 'query.json'), '--account', join(work, 'key.json'));
    expect(JSON.parse(listed.out)).toMatchObject({ sent: [{ data: { items: [{ id: 1, name: 'Tom' }] } }] });
    expect(api.seen.at(-1)!.url).toBe('/v1/pets?limit=5&status=sold');
  });

  it('a 4xx answer is a final error naming the status and the server\'s words; no account is a clear error', { timeout: 60_000 }, async () => {
    writeFileSync(join(work, 'missing.json'), JSON.stringify({ petId: 'a/b' }));
    const missing = await connector('test', dir, 'ShowPetById', '--input', join(work, 'missing.json'), '--account', join(work, 'key.json'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/component\.cancelled.*GET .*\/v1\/pets\/a%2Fb answered 404 .*no such pet/);
    const withoutAccount = await connector('test', dir, 'ShowPetById', '--input', join(work, 'missing.json'));
    expect(withoutAccount.err).toContain('Choose the account this component calls the API with');
  });

  it('refuses what it cannot make, saying why', async () => {
    writeFileSync(join(work, 'swagger.json'), JSON.stringify({ swagger: '2.0', info: { title: 'old' }, paths: {} }));
    expect(await generate(join(work, 'swagger.json'), '--out', join(work, 'old'), '--name', 'acme.old')).toMatchObject({ code: 1, err: expect.stringContaining('convert it to OpenAPI 3 first') });
    expect(await generate(PETSTORE, '--out', join(work, 'none'), '--name', 'acme.none', '--tags', 'nothing')).toMatchObject({ code: 1, err: expect.stringContaining('No operation matched') });
    expect(await generate(PETSTORE, '--out', join(work, 'bad'), '--name', 'Not A Name')).toMatchObject({ code: 1, err: expect.stringContaining('--name') });
    expect(await generate(PETSTORE, '--out', dir, '--name', 'acme.petstore')).toMatchObject({ code: 1, err: expect.stringContaining('--force') });
  });
});

describe('GitHub\'s OpenAPI document (@octokit/openapi)', () => {
  it('every operation becomes a component that validates; deprecated and non-JSON ones are listed as skipped', { timeout: 120_000 }, async () => {
    const dir = join(work, 'github');
    const generated = await generate(GITHUB, '--out', dir, '--name', 'github.api');
    expect(generated.code).toBe(0);
    const count = Number(/: (\d+) components/.exec(generated.out)?.[1]);
    expect(count).toBeGreaterThan(1000);
    const validated = await connector('validate', dir);
    expect(validated.code).toBe(0);
    expect(validated.out).toContain(`✓ github.api 0.1.0: ${count} components`);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/`markdown\/render-raw`: the request body is text\/plain/);
    const packageJson = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { weft: { auth?: unknown; label: string } };
    expect(packageJson.weft.label).toBe("GitHub's official OpenAPI spec + Octokit extension");
    // The document declares no security scheme, so without --auth there is no account to ask for.
    expect(packageJson.weft.auth).toBeUndefined();
  });

  it('a generated "get a repository" works against a local server that answers like the spec', { timeout: 60_000 }, async () => {
    const api = await fakeApi(({ url, headers }) =>
      url === '/repos/octo/hello-world' && headers.authorization === 'Bearer t0k'
        ? { status: 200, body: { id: 1296269, name: 'hello-world', full_name: 'octo/hello-world', private: false, owner: { login: 'octo', id: 1 } } }
        : { status: 404, body: { message: 'Not Found' } });
    try {
      const dir = join(work, 'github-repos');
      // GitHub's document declares no securitySchemes; its API takes a bearer token.
      const generated = await generate(GITHUB, '--out', dir, '--name', 'github.repos', '--operations', 'repos/get,repos/list-for-org', '--base-url', api.url, '--auth', 'bearer');
      expect(generated).toMatchObject({ code: 0, out: expect.stringContaining('2 components') });
      const [get] = operations(dir).filter((op) => op.operationId === 'repos/get');
      expect(get!.request).toMatchObject({ method: 'GET', path: '/repos/{owner}/{repo}' });
      expect(get!.manifest.outPorts[0]!.schema!.properties).toMatchObject({ full_name: { type: 'string' }, owner: { type: 'object' } });
      writeFileSync(join(work, 'repo.json'), JSON.stringify({ owner: 'octo', repo: 'hello-world' }));
      writeFileSync(join(work, 'token.json'), JSON.stringify({ token: 't0k' }));
      const tested = await connector('test', dir, 'ReposGet', '--input', join(work, 'repo.json'), '--account', join(work, 'token.json'));
      expect(tested.err).toBe('');
      expect(JSON.parse(tested.out)).toMatchObject({ sent: [{ port: 'out', data: { full_name: 'octo/hello-world', owner: { login: 'octo' } } }] });
      expect(api.seen.at(-1)).toMatchObject({ method: 'GET', url: '/repos/octo/hello-world', headers: { authorization: 'Bearer t0k', accept: 'application/json' } });
    } finally {
      api.server.close();
    }
  });
});
