/**
 * @module Failure-test cluster: Weft roles as child processes on the real RabbitMQ, sharing one
 * embedded store and log file, under a queue prefix of their own that is deleted afterwards.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { connect as amqpConnect } from 'amqplib';
import { describe, it } from 'vitest';
import { http, type HttpResult } from '../harness.ts';

export const AMQP_URL = process.env.WEFT_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const serverDir = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

/** Why the broker cannot be used, or undefined when it answers. */
export async function probeBroker(): Promise<string | undefined> {
  try {
    const connection = await amqpConnect(AMQP_URL, { timeout: 3000 });
    await connection.close();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** `describe` when RabbitMQ answers; in CI an unreachable broker fails, elsewhere it skips with a reason. */
export function describeWithBroker(name: string, unreachable: string | undefined, body: () => void): void {
  if (unreachable === undefined) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('reaches RabbitMQ (required in CI)', () => {
        throw new Error(`RabbitMQ is unreachable at ${AMQP_URL}: ${unreachable}`);
      });
    });
  } else {
    console.warn(`Skipping "${name}": RabbitMQ is unreachable at ${AMQP_URL} (${unreachable}). Start it (rabbitmq-server -detached) or set WEFT_AMQP_URL.`);
    describe.skip(name, () => {
      it('needs a broker', () => undefined);
    });
  }
}

export async function rabbitmqctl(...args: string[]): Promise<void> {
  await run('rabbitmqctl', args, { timeout: 60_000 });
}

/** Starts the broker's application (after a stop_app) or the whole node, and waits until it serves. */
export async function ensureBrokerUp(): Promise<void> {
  if ((await probeBroker()) === undefined) return;
  await rabbitmqctl('start_app').catch(async () => {
    await run('rabbitmq-server', ['-detached']).catch(() => undefined);
  });
  const deadline = Date.now() + 60_000;
  while ((await probeBroker()) !== undefined) {
    if (Date.now() > deadline) throw new Error('RabbitMQ did not come back within 60 s');
    await rabbitmqctl('await_startup').catch(() => sleep(500));
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `predicate`; on timeout the error says what `explain` (if given) finds, to tell a hang from slowness. */
export async function waitUntil(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs = 30_000, everyMs = 100, explain?: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) {
      const details = explain ? `\n${await explain().catch((error: unknown) => `(no details: ${String(error)})`)}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${details}`);
    }
    await sleep(everyMs);
  }
}

/** A Set component fed by `from`: a step that only passes the message on. */
export const step = (from: string) => ({ type: 'weft.utils.transform.Set', x: 0, y: 0, source: { in: { [from]: ['out'] } } });
export const record = (from: string) => ({ type: 'test.failure.Record', x: 0, y: 0, source: { in: { [from]: ['out'] } } });
export const hook = (waitForResponse: boolean) => ({ type: 'weft.utils.http.Webhook', x: 0, y: 0, config: { properties: { waitForResponse } } });

export interface Role {
  child: ChildProcess;
  url: string;
  instanceId: string;
}

/** A temp folder, a queue prefix and the child processes of one test. */
export class Cluster {
  readonly dir = mkdtempSync(join(tmpdir(), 'weft-failure-'));
  readonly prefix = `weft-failure-${process.pid}-${Date.now().toString(36)}`;
  readonly #children: ChildProcess[] = [];
  readonly #stderr = new Map<ChildProcess, { roles: string; text: string }>();
  readonly env: Record<string, string>;
  token = '';

  constructor(env: Record<string, string> = {}) {
    this.env = {
      WEFT_BUS: 'rabbitmq', WEFT_AMQP_URL: AMQP_URL, WEFT_AMQP_PREFIX: this.prefix, WEFT_DATA_DIR: this.dir, FAILURE_DIR: this.dir,
      WEFT_STATIC: 'false', PORT: '0', WEFT_RELOAD_POLL_MS: '60000', ...env,
    };
  }

  /** Starts one process running `roles` (comma-separated) and waits until it is ready. */
  start(roles: string, env: Record<string, string> = {}): Promise<Role> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/failure/child.ts', roles], {
      cwd: serverDir,
      env: { ...process.env, ...this.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#children.push(child);
    let err = '';
    const tail = { roles, text: '' };
    this.#stderr.set(child, tail);
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString()).slice(-4000);
      tail.text = err;
    });
    return new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /READY (\S+) (\S+)/.exec(out);
        if (match) resolve({ child, url: match[1]!, instanceId: match[2]! });
      });
      child.on('exit', (code, signal) => reject(new Error(`${roles} exited early (${code ?? signal}): ${out}\n${err}`)));
    });
  }

  /** Signs up, creates and starts a flow through the API; returns the flow id. */
  async startFlow(api: string, flow: Record<string, unknown>): Promise<string> {
    if (this.token === '') {
      const signup = await http<{ token: string }>(`${api}/auth/signup`, { body: { email: `${this.prefix}@example.com`, password: 'correct horse battery' } });
      this.token = signup.body.token;
    }
    const created = await http<{ flowId: string }>(`${api}/flows`, { token: this.token, body: { name: this.prefix, flow } });
    if (created.status !== 201) throw new Error(`create flow: ${created.status} ${JSON.stringify(created.body)}`);
    const started = await http(`${api}/flows/${created.body.flowId}/start`, { method: 'POST', token: this.token });
    if (started.status !== 200) throw new Error(`start flow: ${started.status} ${JSON.stringify(started.body)}`);
    return created.body.flowId;
  }

  call<T = unknown>(api: string, method: string, path: string, body?: unknown): Promise<HttpResult<T>> {
    return http<T>(`${api}${path}`, { method, token: this.token, ...(body === undefined ? {} : { body }) });
  }

  /** For a failed wait: this test's queues as the broker sees them, and what each process last wrote to stderr. */
  async diagnose(): Promise<string> {
    const listed = await run('rabbitmqctl', ['list_queues', '-q', '--no-table-headers', 'name', 'messages_ready', 'messages_unacknowledged', 'consumers'], { timeout: 30_000 })
      .then((result) => result.stdout.split('\n').filter((line) => line.startsWith(`${this.prefix}.`)).join('\n'))
      .catch((error: unknown) => `list_queues failed: ${String(error)}`);
    const processes = this.#children.map((child) => {
      const tail = this.#stderr.get(child);
      const state = child.exitCode !== null || child.signalCode !== null ? `exited ${child.exitCode ?? child.signalCode}` : 'running';
      return `[${tail?.roles ?? '?'} ${state}] ${tail?.text.slice(-1500) || '(no stderr)'}`;
    });
    return `queues (name ready unacked consumers):\n${listed || '(none)'}\n${processes.join('\n')}`;
  }

  /** Stops every child (SIGKILL: nothing of theirs is kept), deletes the queues and the folder. */
  async close(): Promise<void> {
    await Promise.all(this.#children.map((child) => stopChild(child)));
    await deleteQueues(this.prefix);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

/** Deletes every queue and exchange whose name starts with `prefix.`. */
export async function deleteQueues(prefix: string): Promise<void> {
  const listed = await run('rabbitmqctl', ['list_queues', '-q', '--no-table-headers', 'name'], { timeout: 60_000 }).catch(() => undefined);
  const names = (listed?.stdout ?? '').split('\n').map((s) => s.trim()).filter((name) => name.startsWith(`${prefix}.`));
  const connection = await amqpConnect(AMQP_URL);
  try {
    for (const name of [...names, `${prefix}.dead-letter`]) {
      const channel = await connection.createChannel();
      channel.on('error', () => undefined);
      await channel.deleteQueue(name).catch(() => undefined);
      await channel.deleteExchange(name).catch(() => undefined);
      await channel.close().catch(() => undefined);
    }
  } finally {
    await connection.close();
  }
}

/**
 * A TCP proxy between Weft and the broker. `blackhole` swallows bytes both ways (counting those
 * sent up), as a network that lost them would; `cut` then closes every connection.
 */
export class TcpProxy {
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  blackhole = false;
  swallowedUp = 0;

  private constructor(server: net.Server) {
    this.#server = server;
  }

  static async start(target: URL): Promise<TcpProxy> {
    const proxy: TcpProxy = new TcpProxy(net.createServer((client) => {
      const upstream = net.connect(Number(target.port || 5672), target.hostname);
      for (const socket of [client, upstream]) {
        proxy.#sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => {
          proxy.#sockets.delete(socket);
          client.destroy();
          upstream.destroy();
        });
      }
      client.on('data', (chunk: Buffer) => {
        if (proxy.blackhole) proxy.swallowedUp += chunk.length;
        else upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => {
        if (!proxy.blackhole) client.write(chunk);
      });
    }));
    await new Promise<void>((resolve) => proxy.#server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** `url` with the host and port of this proxy. */
  url(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String((this.#server.address() as net.AddressInfo).port);
    return parsed.toString();
  }

  cut(): void {
    for (const socket of this.#sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
