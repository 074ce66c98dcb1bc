/** @module Test harness: a real Weft (embedded adapters, real HTTP) in a temp folder, and a small HTTP client. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ComponentDefinition } from '@weft/connector-kit';
import { loadConfig } from '../src/config.ts';
import { createOperator } from '../src/operators.ts';
import { startWeft, type Role, type RunningWeft } from '../src/runtime.ts';

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function http<T = unknown>(url: string, init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string>; raw?: string } = {}): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined = init.raw;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

export interface TestUser {
  token: string;
  userId: string;
  email: string;
  /** Authenticated request to the API. */
  call<T = any>(method: string, path: string, body?: unknown): Promise<HttpResult<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Create a flow and return its id (fails the test on a non-201). */
  createFlow(flow: Record<string, unknown>, name?: string): Promise<string>;
  startFlow(flowId: string): Promise<void>;
  /** Poll GET /logs until `predicate` holds or `timeoutMs` passes. */
  waitForLogs(query: Record<string, string>, predicate: (records: LogRecordBody[]) => boolean, timeoutMs?: number): Promise<LogRecordBody[]>;
}

export interface LogRecordBody {
  id: string; time: number; flowId: string; componentId: string; componentType: string; port: string;
  direction: 'in' | 'out' | 'error' | 'log'; severity: string; correlationId: string; messageId: string; payload: unknown; truncated: boolean;
  error?: { code: string; message: string };
}

export interface TestWeft {
  url: string;
  weft: RunningWeft;
  dataDir: string;
  signup(email?: string): Promise<TestUser>;
  /** An operator (role admin), made as `weft users create-operator` makes one, then logged in. */
  operator(email?: string): Promise<TestUser>;
  /** A user of a token got some other way (a host-minted token, an exchange). */
  withToken(token: string, userId: string, email?: string): TestUser;
  close(): Promise<void>;
}

let counter = 0;

/** Long enough and not a common password: sign-up and set-password accept it. */
export const TEST_PASSWORD = 'correct horse battery';

export async function startTestWeft(options: { env?: Record<string, string>; components?: ComponentDefinition[]; roles?: Role[]; dataDir?: string } = {}): Promise<TestWeft> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'weft-test-'));
  const config = loadConfig({
    PORT: '0', WEFT_DATA_DIR: dataDir, WEFT_STATIC: 'false', WEFT_RETRY_BASE_MS: '50', WEFT_RETRY_MAX_MS: '400', WEFT_MAX_ATTEMPTS: '3',
    // No test reaches beyond 127.0.0.1: connector dependencies come from a local registry or fail at once (port 9 refuses).
    WEFT_CONNECTOR_REGISTRY: 'http://127.0.0.1:9/',
    // A thread loading for ~1 s (tsx) in every test process costs the suite more than it saves: tests that want it set it.
    WEFT_FLOW_THREAD_WARM: 'false',
    ...options.env,
  });
  const weft = await startWeft({ config, ...(options.roles ? { roles: options.roles } : {}), ...(options.components ? { components: options.components } : {}) });
  const url = weft.url;

  const signup = async (email = `user${++counter}-${Date.now()}@example.com`): Promise<TestUser> => {
    const result = await http<{ token: string; user: { id: string } }>(`${url}/auth/signup`, { body: { email, password: TEST_PASSWORD } });
    if (result.status !== 201) throw new Error(`signup failed: ${result.status} ${JSON.stringify(result.body)}`);
    return testUser(result.body.token, result.body.user.id, email);
  };

  const operator = async (email = `operator${++counter}-${Date.now()}@example.com`): Promise<TestUser> => {
    await createOperator(weft.engine.store, { email, password: TEST_PASSWORD, publicUrl: url, linkTtlMs: 3_600_000 });
    const result = await http<{ token: string; user: { id: string } }>(`${url}/auth/login`, { body: { email, password: TEST_PASSWORD } });
    if (result.status !== 200) throw new Error(`operator login failed: ${result.status} ${JSON.stringify(result.body)}`);
    return testUser(result.body.token, result.body.user.id, email);
  };

  const testUser = (token: string, userId: string, email: string): TestUser => {
    const user: TestUser = {
      token, userId, email,
      call: (method, path, body) => http(`${url}${path}`, { method, token, ...(body === undefined ? {} : { body }) }),
      async createFlow(flow, name = 'Test flow') {
        const created = await user.call<{ flowId: string }>('POST', '/flows', { name, flow });
        if (created.status !== 201) throw new Error(`create flow failed: ${created.status} ${JSON.stringify(created.body)}`);
        return created.body.flowId;
      },
      async startFlow(flowId) {
        const started = await user.call('POST', `/flows/${flowId}/start`);
        if (started.status !== 200) throw new Error(`start failed: ${started.status} ${JSON.stringify(started.body)}`);
      },
      async waitForLogs(query, predicate, timeoutMs = 10_000) {
        const deadline = Date.now() + timeoutMs;
        const qs = new URLSearchParams({ limit: '1000', ...query }).toString();
        for (;;) {
          const page = await user.call<{ records: LogRecordBody[] }>('GET', `/logs?${qs}`);
          if (page.status === 200 && predicate(page.body.records)) return page.body.records;
          if (Date.now() > deadline) throw new Error(`logs never matched: ${JSON.stringify(page.body).slice(0, 2000)}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      },
    };
    return user;
  };

  return {
    url, weft, dataDir, signup, operator,
    withToken: (token, userId, email = '') => testUser(token, userId, email),
    async close() {
      await weft.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
