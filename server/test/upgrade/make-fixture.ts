/**
 * @module Makes the upgrade fixture: the data files of a Weft as it was on 2026-12-03 (made with
 * main at 6cf5f4a, whose Store and log schemas are those of the stop-11 release), with a user, an
 * operator and a custom modifier, flows running and stopped, logs, an unprocessed message, a pending timer and a data-store value. It was run once with that
 * version and its output committed; later versions must open those files in place
 * (upgrade-in-place.test.ts). Do not re-run it to "refresh" the fixture: a newer fixture goes into
 * a new folder beside it, and the old one keeps being tested.
 *
 *   node --import tsx server/test/upgrade/make-fixture.ts
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { callWebhook } from '../connectors/flow-builder.ts';
import { startTestWeft } from '../harness.ts';
import { ALICE, draft, failing, FIXTURE_DIR, greeter, later, lookup, OPERATOR, save, shout } from './upgrade-flows.ts';

if (existsSync(FIXTURE_DIR)) throw new Error(`${fileURLToPath(FIXTURE_DIR)} exists: a fixture is never remade; point FIXTURE_DIR at a new folder.`);
const dataDir = mkdtempSync(join(tmpdir(), 'weft-fixture-'));
const weft = await startTestWeft({ dataDir });
try {
  const operator = await weft.operator(OPERATOR);
  const created = await operator.call('POST', '/modifiers', shout);
  if (created.status !== 201) throw new Error(`modifier: ${created.status} ${JSON.stringify(created.body)}`);
  const alice = await weft.signup(ALICE);
  const ids: Record<string, string> = {};
  for (const [name, flow, running] of [
    ['Greeter', greeter(), true], ['Draft', draft(), false], ['Failing', failing(), true],
    ['Later', later(), true], ['Save', save(), true], ['Lookup', lookup(), true],
  ] as const) {
    ids[name] = await alice.createFlow(flow, name);
    if (running) await alice.startFlow(ids[name]);
  }
  const greeted = await callWebhook(weft, ids.Greeter!, { name: 'Bob' });
  if (JSON.stringify(greeted.body) !== '{"greeting":"Hello BOB!"}') throw new Error(`greeter answered ${JSON.stringify(greeted.body)}`);
  await callWebhook(weft, ids.Save!, { key: 'colour', value: 'teal' });
  await callWebhook(weft, ids.Later!, { tag: 'from-the-fixture' });
  await callWebhook(weft, ids.Failing!, { order: 1 });
  for (let i = 0; ; i++) {
    const parked = await alice.call<{ total: number }>('GET', `/unprocessed-messages?flowId=${ids.Failing}`);
    if (parked.body.total === 1) break;
    if (i > 200) throw new Error('the failing run was never parked');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // Stopped well before the Wait's 30 s are up, so the fixture holds its timer, pending.
  await alice.waitForLogs({ flowId: ids.Later!, componentId: 'wait' }, (records) => records.some((r) => r.direction === 'in'));
  await new Promise((resolve) => setTimeout(resolve, 500)); // the last log records reach the index
  const timers = await alice.call<{ records: unknown[] }>('GET', `/logs?flowId=${ids.Later}&componentId=done`);
  if (timers.body.records.length > 0) throw new Error('the Wait fired before the fixture was saved');
  writeFileSync(join(dataDir, 'ids.json'), JSON.stringify(ids, null, 2));
} finally {
  await weft.close();
}
// One file each, no WAL beside it: what a stopped engine leaves after a checkpoint.
const out = fileURLToPath(FIXTURE_DIR);
mkdirSync(out, { recursive: true });
for (const name of ['weft.sqlite', 'logs.sqlite']) {
  const db = new Database(join(dataDir, name));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.close();
  copyFileSync(join(dataDir, name), join(out, name));
}
copyFileSync(join(dataDir, 'ids.json'), join(out, 'ids.json'));
rmSync(dataDir, { recursive: true, force: true });
console.log(`fixture written to ${out}`);
