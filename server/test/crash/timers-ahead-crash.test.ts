import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { http } from '../harness.ts';
import { children, startChild } from './child-process.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'weft-crash-timers-'));
const recordFile = join(dataDir, 'effects.log');
const FLOWS = 20;
const EVERY_MS = 10_000;

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Record lines: correlation id, message id, and what the Scheduler sent. */
function records(): { correlationId: string; firedAt: string; scheduledFor: string }[] {
  if (!existsSync(recordFile)) return [];
  return readFileSync(recordFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => {
    const [correlationId = '', , content = '{}'] = line.split(' ');
    return { correlationId, ...(JSON.parse(content) as { firedAt: string; scheduledFor: string }) };
  });
}

const firesOf = (at: number) => records().filter((r) => Date.parse(r.scheduledFor) === at);
/** Fires due after `at` (a fire re-armed too late for the next due time skips to the one after). */
const firesAfter = (at: number) => records().filter((r) => Date.parse(r.scheduledFor) > at);

// Timers are published ahead of their due time and held, prepared, by the worker (engine README,
// "Timers ahead of time"). A kill -9 while they are held must lose none and run none twice.
describe('when the engine is killed holding timer fires taken ahead of their due time', () => {
  it('runs each of those fires once after a restart, no earlier than due, and the schedules go on', async () => {
    const port = 25000 + Math.floor(Math.random() * 2000);
    const first = await startChild(port, dataDir, { WEFT_TIMER_LOOKAHEAD_MS: '5000' });
    const signup = await http<{ token: string }>(`${first.url}/auth/signup`, { body: { email: 'timers@example.com', password: 'correct horse battery' } });
    const token = signup.body.token;
    for (let i = 0; i < FLOWS; i++) {
      const created = await http<{ flowId: string }>(`${first.url}/flows`, {
        token,
        body: {
          name: `every ten seconds ${i}`,
          flow: {
            tick: { type: 'weft.utils.timers.Scheduler', x: 0, y: 0, config: { properties: { mode: 'cron', cron: '*/10 * * * * *' } } },
            record: { type: 'test.crash.effects.Record', x: 0, y: 0, source: { in: { tick: ['out'] } } },
          },
        },
      });
      expect((await http(`${first.url}/flows/${created.body.flowId}/start`, { method: 'POST', token })).status).toBe(200);
    }
    // A due time at least 4 s ahead; kill once every fire of it is held (published ahead and taken
    // by the worker), before it is due.
    const due = Math.ceil((Date.now() + 4000) / EVERY_MS) * EVERY_MS;
    const watch = new Database(join(dataDir, 'weft.sqlite'), { readonly: true });
    // Matched by the fire's scheduledFor: its notBefore (the timer's due time) may be a millisecond
    // past it, the Scheduler giving setTimeout a delay from its own reading of the clock.
    const ofDue = `%"scheduledFor":"${new Date(due).toISOString()}"%`;
    const heldNow = () => watch.prepare<[string], { n: number }>('SELECT count(*) AS n FROM bus_messages WHERE lease_owner IS NOT NULL AND body LIKE ?').get(ofDue)!.n;
    while (heldNow() < FLOWS && Date.now() < due - 300) await sleep(50);
    first.child.kill('SIGKILL');
    watch.close();
    if (first.child.exitCode === null && first.child.signalCode === null) await new Promise((resolve) => first.child.once('exit', resolve));

    // Held, not run: no fire of that time had started, and every one was on the Bus, taken, with its due time.
    expect(firesOf(due)).toEqual([]);
    const db = new Database(join(dataDir, 'weft.sqlite'), { readonly: true });
    const held = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM bus_messages WHERE lease_owner IS NOT NULL AND body LIKE ?").get(ofDue)!.n;
    const waiting = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM bus_messages WHERE lease_owner IS NULL AND body LIKE ?").get(ofDue)!.n;
    const timersLeft = db.prepare<[number, number], { n: number }>('SELECT count(*) AS n FROM timers WHERE due_at >= ? AND due_at < ?').get(due, due + 1000)!.n;
    db.close();
    // Killed while holding some (on a loaded machine the worker may not have taken every one yet):
    // each fire is held, waiting on the Bus, or still a timer, none lost, none run.
    expect(held).toBeGreaterThan(0);
    expect(held + waiting + timersLeft).toBe(FLOWS);

    await startChild(port, dataDir, { WEFT_TIMER_LOOKAHEAD_MS: '5000' });
    const deadline = Date.now() + 45_000;
    while ((firesOf(due).length < FLOWS || firesAfter(due).length < FLOWS) && Date.now() < deadline) await sleep(200);
    await sleep(500); // a second run, if any, lands now

    const fires = firesOf(due);
    console.log(`timers-ahead crash: held=${held} waiting=${waiting} timers=${timersLeft} firedAfterRestart=${fires.length} runs=${new Set(fires.map((f) => f.correlationId)).size} later=${firesAfter(due).length}`);
    // Each flow's fire ran once: one run each, no run twice, none before its due time.
    expect(new Set(fires.map((f) => f.correlationId)).size).toBe(FLOWS);
    expect(fires).toHaveLength(FLOWS);
    for (const fire of fires) expect(Date.parse(fire.firedAt)).toBeGreaterThanOrEqual(due);
    // Each fire re-armed its schedule: later fires came, once per flow and due time.
    const later = firesAfter(due);
    expect(later.length).toBeGreaterThanOrEqual(FLOWS);
    expect(new Set(later.map((f) => f.correlationId)).size).toBe(later.length);
  }, 120_000);
});
