import { describe, expect, it } from 'vitest';
import { createRouteCaller, routeTarget, type CallRoute } from './route-call.ts';
import { createTransport, type FetchLike } from './transport.ts';

function recording(answer: () => Response) {
  const sent: { url: string; init: RequestInit }[] = [];
  const fetch: FetchLike = async (url, init) => {
    sent.push({ url, init });
    return answer();
  };
  return { sent, callRoute: createRouteCaller(createTransport({ baseUrl: 'https://weft.test', getToken: () => 'tok', fetch })) };
}
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

describe('callRoute', () => {
  it('builds the path from the key, encoding each parameter, and sends the query and JSON body', async () => {
    const { sent, callRoute } = recording(() => json({ flowId: 'f', name: 'x', stage: 'stopped', version: 2, createdAt: 1, updatedAt: 1, componentCount: 0, flow: {} }));
    const flow = await callRoute('POST /flows/{id}/versions/{version}/restore', { params: { id: 'a/b', version: 3 }, body: { version: 1 } });
    expect(flow.version).toBe(2);
    expect(sent[0]!.url).toBe('https://weft.test/flows/a%2Fb/versions/3/restore');
    expect(sent[0]!.init.method).toBe('POST');
    expect(sent[0]!.init.body).toBe('{"version":1}');
    await callRoute('GET /runs', { query: { flowId: 'f 1', limit: 5, cursor: undefined } }).catch(() => undefined);
    expect(sent[1]!.url).toBe('https://weft.test/runs?flowId=f+1&limit=5');
  });

  it('sends the bearer token except to routes anyone may call', async () => {
    const { sent, callRoute } = recording(() => json({ status: 'ok' }));
    await callRoute('GET /health').catch(() => undefined);
    await callRoute('GET /user').catch(() => undefined);
    expect((sent[0]!.init.headers as Record<string, string>).authorization).toBeUndefined();
    expect((sent[1]!.init.headers as Record<string, string>).authorization).toBe('Bearer tok');
  });

  it('resolves nothing for a route without a response schema, whatever the body', async () => {
    const { callRoute } = recording(() => json({ unexpected: true }));
    await expect(callRoute('POST /integrations/{flowId}/detach', { params: { flowId: 'f1' } })).resolves.toBeUndefined();
  });

  it('rejects an answer that does not fit the response schema', async () => {
    const { callRoute } = recording(() => json({ items: 'nope' }));
    await expect(callRoute('GET /accounts')).rejects.toMatchObject({ code: 'response.invalid', status: 200 });
  });

  it('refuses to build a path with a parameter missing (when the types were cast around)', () => {
    const untyped = routeTarget as (key: string, params?: Record<string, string>) => unknown;
    expect(() => untyped('GET /flows/{id}', {})).toThrow(/"id" is missing/);
    expect(routeTarget('DELETE /host/tenants/{externalId}/users/{externalUserId}', { externalId: 't 1', externalUserId: 'u#2' }))
      .toEqual({ method: 'DELETE', path: '/host/tenants/t%201/users/u%232' });
  });
});

/** Never run: `tsc` proves that each misuse below is a type error (an unused @ts-expect-error fails it too). */
export function typeErrors(callRoute: CallRoute): void {
  // @ts-expect-error a path that is not in the table
  void callRoute('GET /flow/{id}', { params: { id: 'f1' } });
  // @ts-expect-error the method does not exist for this path
  void callRoute('PATCH /flows/{id}', { params: { id: 'f1' } });
  // @ts-expect-error a path parameter missing
  void callRoute('GET /flows/{id}/versions/{version}', { params: { id: 'f1' } });
  // @ts-expect-error no arguments for a route with parameters
  void callRoute('GET /flows/{id}');
  // @ts-expect-error a body for a route that takes none
  void callRoute('POST /flows/{id}/start', { params: { id: 'f1' }, body: {} });
  // @ts-expect-error a query field the route does not know
  void callRoute('GET /runs', { query: { colour: 'red' } });
  // @ts-expect-error a body of the wrong shape
  void callRoute('POST /flows', { body: { title: 'x' } });
  void (async () => {
    // @ts-expect-error the answer is typed by the route's response schema
    const name: number = (await callRoute('GET /flows/{id}', { params: { id: 'f1' } })).name;
    // @ts-expect-error a route without a response schema resolves void
    const nothing: string = await callRoute('DELETE /flows/{id}', { params: { id: 'f1' } });
    return [name, nothing];
  })();
}
