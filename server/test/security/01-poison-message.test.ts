/**
 * Issue 11, item 1 (crash-loop protection): a message whose handling kills its process used to be
 * delivered again after every restart and kill it again, forever. Now the Bus counts deliveries and
 * the dispatcher parks a message redelivered more than WEFT_MAX_REDELIVERIES times as an
 * unprocessed message with code `message.poison`, and the engine goes on serving other flows.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { http } from '../harness.ts';

const serverDir = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'weft-poison-'));
const children: ChildProcess[] = [];

interface Child {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

function startChild(port: number): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/security/poison-child.ts'], {
    cwd: serverDir,
    env: {
      ...process.env, PORT: String(port), WEFT_DATA_DIR: dataDir, WEFT_STATIC: 'false',
      WEFT_EMBEDDED_VISIBILITY_MS: '1000', WEFT_MAX_REDELIVERIES: '3',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]!, exited });
    });
    void exited.then((code) => reject(new Error(`child exited before it was ready (${code}): ${out}`)));
  });
}

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a message that kills the process handling it', () => {
  it('is parked as message.poison after 3 redeliveries, and the engine comes back and serves other flows', async () => {
    const port = 25000 + Math.floor(Math.random() * 2000);
    let current = await startChild(port);
    const signup = await http<{ token: string }>(`${current.url}/auth/signup`, { body: { email: 'poison@example.com', password: 'correct horse battery' } });
    const token = signup.body.token;
    const create = async (flow: Record<string, unknown>) => {
      const created = await http<{ flowId: string }>(`${current.url}/flows`, { token, body: { name: 'poison', flow } });
      expect((await http(`${current.url}/flows/${created.body.flowId}/start`, { method: 'POST', token })).status).toBe(200);
      return created.body.flowId;
    };
    const killing = await create({
      hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0, config: { properties: { waitForResponse: false } } },
      kill: { type: 'test.security.Killer', x: 0, y: 0, source: { in: { hook: ['out'] } } },
    });
    const echo = await create({
      hook: { type: 'weft.utils.http.Webhook', x: 0, y: 0 },
      reply: { type: 'weft.utils.http.Response', x: 0, y: 0, source: { in: { hook: ['out'] } }, config: { transform: { in: { hook: { out: { type: 'json2new', lambda: { body: { ok: true } } } } } } } },
    });
    expect((await http(`${current.url}/flows/${killing}/components/hook`, { body: { boom: 1 } })).status).toBe(202);

    // The first delivery and three redeliveries each kill the process; a supervisor restarts it.
    let deaths = 0;
    for (;;) {
      const outcome = await Promise.race([current.exited.then(() => 'died' as const), new Promise<'alive'>((resolve) => setTimeout(() => resolve('alive'), 5000))]);
      if (outcome === 'alive') break;
      deaths += 1;
      expect(deaths).toBeLessThanOrEqual(4);
      current = await startChild(port);
    }
    expect(deaths).toBe(4);

    const parked = await http<{ items: { componentId: string; error: { code: string; message: string } }[] }>(`${current.url}/unprocessed-messages?flowId=${killing}`, { token });
    expect(parked.body.items).toHaveLength(1);
    expect(parked.body.items[0]).toMatchObject({ componentId: 'kill', error: { code: 'message.poison' } });
    expect(parked.body.items[0]!.error.message).toMatch(/run 4 times/);
    const answer = await http(`${current.url}/flows/${echo}/components/hook`, { body: {} });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ ok: true });
  }, 120_000);
});
