/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- vitest matchers and JSON answers are typed any; the assertions check their shape (as in *.test.ts) */
/**
 * @module The SQL connectors' live suite: the same user stories against PostgreSQL and MySQL/MariaDB
 * (each test file gives its database as an SqlTarget), through a real engine and real flows.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComponentDefinition } from '@weft/connector-kit';
import { http, startTestWeft, type LogRecordBody, type TestUser, type TestWeft } from '../harness.ts';
import { storeAccount } from './connector-account.ts';
import { callWebhook, node, reply, WEBHOOK } from './flow-builder.ts';
import { describeWithService } from './live-service.ts';

export interface SqlTarget {
  connector: string;
  /** For the skip/fail message: "PostgreSQL on 127.0.0.1:5432". */
  service: string;
  /** Why the server cannot be reached, or undefined. */
  unreachable: string | undefined;
  /** The connector's components (imported from its package), for the fast New Row. */
  components: readonly ComponentDefinition[];
  /** The account's fields for the live server. */
  fields: Record<string, string>;
  /** Run SQL as the test's own admin connection (`?`-free SQL, or the driver's placeholders). */
  exec(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  open(): Promise<void>;
  close(): Promise<void>;
  /** CREATE TABLE statements of the two tables the suite uses. */
  peopleTable(name: string): string;
  timedTable(name: string): string;
  /** A SELECT answering far more than 10 rows. */
  manyRows: string;
  /** A user who exists, with a password the test gets wrong: `{ user, cleanup }`. */
  userWithPassword(): Promise<{ user: string; cleanup: () => Promise<void> }>;
  /** Whether Insert row answers with the row as stored (PostgreSQL) or with the values and the insert id (MySQL). */
  insertReturnsRow: boolean;
}

/** Webhook → `type` (properties, mapping `lambda` from the request body) → Response with what it sent. */
function hookFlow(type: string, properties: Record<string, unknown>, lambda: Record<string, unknown>) {
  return { hook: node(WEBHOOK), step: node(type, ['hook.out'], { lambda, properties }), reply: reply('step.out', '{{{$.step.out}}}') };
}

/** A New Row trigger `type` → Set, whose out records in the logs are the rows it sent. */
function newRowFlow(type: string, properties: Record<string, unknown>) {
  return { rows: node(type, [], { properties }), seen: node('weft.utils.transform.Set', ['rows.out'], { lambda: { name: '{{{$.rows.out.name}}}' } }) };
}

/** The same component under another name that looks every `tickMs` (its behaviour untouched), so a test need not wait a minute. */
function fasterTrigger(definition: ComponentDefinition | undefined, name: string, tickMs: number): ComponentDefinition {
  if (!definition) throw new Error(`no component to speed up for ${name}`);
  return { manifest: { ...definition.manifest, name, tick: tickMs }, behaviour: definition.behaviour };
}

/**
 * The `name` of every row the trigger sent, oldest first, once at least `count` were sent. Takes the
 * engine explicitly: after a restart it listens on another port, while the user's token still holds.
 */
async function rowsSent(weft: TestWeft, user: TestUser, flowId: string, count: number): Promise<string[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const page = await http<{ records: LogRecordBody[] }>(`${weft.url}/logs?flowId=${flowId}&componentId=rows&direction=out&limit=1000`, { token: user.token });
    const records = page.status === 200 ? page.body.records : [];
    if (records.length >= count || Date.now() > deadline) {
      return records
        .slice()
        .sort((a, b) => a.time - b.time || a.id.localeCompare(b.id))
        .map((record) => String((record.payload as { name?: unknown }).name));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function describeSqlConnector(target: SqlTarget): void {
  const type = (component: string) => `${target.connector}.${component}`;
  // Under the connector's own name: its accounts serve only its components.
  const fastName = `${target.connector}.NewRowEvery200ms`;
  const fastNewRow = fasterTrigger(target.components.find((c) => c.manifest.name === type('NewRow')), fastName, 200);

  describeWithService(`${target.connector} against the live server`, target.service, target.unreachable, () => {
    const table = `weft_${randomUUID().slice(0, 8)}`;
    let weft: TestWeft;
    let user: TestUser;
    let account: string;

    beforeAll(async () => {
      await target.open();
      await target.exec(target.peopleTable(table));
      weft = await startTestWeft({ components: [fastNewRow] });
      user = await weft.signup();
      account = await storeAccount(weft, user.userId, target.connector, target.fields);
    });
    afterAll(async () => {
      await weft?.close();
      await target.exec(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
      await target.close();
    });

    describe('when a flow inserts, queries, updates and deletes rows', () => {
      it('does each with the values as parameters, and answers with rows and counts', async () => {
        const placeholder = target.connector === 'weft.postgres' ? '$1' : '?';
        const insert = await user.createFlow(hookFlow(type('InsertRow'), { account, table }, { values: '{{{$.hook.out.body.values}}}' }));
        const query = await user.createFlow(hookFlow(type('Query'), { account, sql: `SELECT id, name, tag FROM ${table} WHERE name = ${placeholder} ORDER BY id` }, { params: ['{{{$.hook.out.body.name}}}'] }));
        const update = await user.createFlow(hookFlow(type('UpdateRows'), { account, table }, { values: '{{{$.hook.out.body.values}}}', where: '{{{$.hook.out.body.where}}}' }));
        const remove = await user.createFlow(hookFlow(type('DeleteRows'), { account, table }, { where: '{{{$.hook.out.body.where}}}' }));
        for (const flowId of [insert, query, update, remove]) await user.startFlow(flowId);

        // A value that looks like SQL is stored as text, never run.
        const evil = "Robert'); DROP TABLE students; --";
        const inserted = await callWebhook(weft, insert, { values: { name: evil, tag: 'a' } });
        expect(inserted.status).toBe(200);
        const body = inserted.body as { row: Record<string, unknown>; rowCount: number; insertId?: unknown };
        expect(body).toMatchObject({ row: { name: evil, tag: 'a' }, rowCount: 1 });
        const id = target.insertReturnsRow ? body.row.id : body.insertId;
        expect(id).toEqual(expect.any(Number));
        await callWebhook(weft, insert, { values: { name: 'Ada', tag: 'b' } });

        const found = await callWebhook(weft, query, { name: evil });
        expect(found.body).toEqual({ rows: [{ id, name: evil, tag: 'a' }], rowCount: 1 });

        expect((await callWebhook(weft, update, { values: { tag: 'c' }, where: { name: ['Ada', evil] } })).body).toEqual({ rowCount: 2 });
        expect((await callWebhook(weft, remove, { where: { tag: 'c', name: 'Ada' } })).body).toEqual({ rowCount: 1 });
        expect(await target.exec(`SELECT name, tag FROM ${table} ORDER BY id`)).toEqual([{ name: evil, tag: 'c' }]);
        await target.exec(`DELETE FROM ${table}`);
      });

      it('refuses an update or delete without a where, rather than change every row', async () => {
        const remove = await user.createFlow(hookFlow(type('DeleteRows'), { account, table }, { where: '{{{$.hook.out.body.where}}}' }), 'Delete all?');
        await user.startFlow(remove);
        await target.exec(`INSERT INTO ${table} (name) VALUES ('kept')`);
        expect((await callWebhook(weft, remove, { where: {} })).status).toBe(500);
        const records = await user.waitForLogs({ flowId: remove, direction: 'error' }, (r) => r.length > 0);
        expect(records[0]!.error).toMatchObject({ code: 'sql.invalid', message: expect.stringContaining('in.where: map at least one column') });
        expect(await target.exec(`SELECT name FROM ${table}`)).toEqual([{ name: 'kept' }]);
        await target.exec(`DELETE FROM ${table}`);
      });
    });

    describe('when something is wrong', () => {
      async function failure(component: string, properties: Record<string, unknown>, lambda: Record<string, unknown>, accountId = account) {
        const flowId = await user.createFlow(hookFlow(type(component), { account: accountId, ...properties }, lambda), `Failing ${component}`);
        await user.startFlow(flowId);
        expect((await callWebhook(weft, flowId, {})).status).toBe(500);
        const records = await user.waitForLogs({ flowId, direction: 'error' }, (r) => r.some((record) => record.severity === 'error'));
        return records.find((record) => record.severity === 'error')!.error!;
      }

      it('says the table is unknown, even for a name made to break out of its quotes', async () => {
        const quote = target.connector === 'weft.postgres' ? '"' : '`';
        const error = await failure('InsertRow', { table: `${table}${quote}; DROP TABLE ${table}; --` }, { values: { name: 'x' } });
        expect(error.code).toBe('sql.unknown_table');
        expect(error.message).toContain('check the table name');
        expect(await target.exec(`SELECT count(*) AS n FROM ${table}`)).toHaveLength(1);
      });

      it('says the SQL has a syntax error', async () => {
        const error = await failure('Query', { sql: 'SELEC 1' }, {});
        expect(error).toMatchObject({ code: 'sql.syntax', message: expect.stringContaining('The SQL has a syntax error') });
      });

      it('says the password was refused, without writing it anywhere', async () => {
        const { user: login, cleanup } = await target.userWithPassword();
        try {
          const bad = await storeAccount(weft, user.userId, target.connector, { ...target.fields, user: login, password: 'wrong-password-xyz' });
          const error = await failure('Query', { sql: 'SELECT 1' }, {}, bad);
          expect(error.code).toBe('sql.auth_failed');
          expect(error.message).toContain('fix them under Accounts');
          expect(JSON.stringify(error)).not.toContain('wrong-password-xyz');
        } finally {
          await cleanup();
        }
      });

      it('refuses more rows than "Max rows" instead of loading them all', async () => {
        const error = await failure('Query', { sql: target.manyRows, maxRows: 10 }, {});
        expect(error).toMatchObject({ code: 'sql.too_many_rows', message: expect.stringContaining('more than 10 rows') });
      });

      it('logs why a New Row trigger cannot look, without the password, and looks again next time', async () => {
        const { user: login, cleanup } = await target.userWithPassword();
        try {
          const bad = await storeAccount(weft, user.userId, target.connector, { ...target.fields, user: login, password: 'wrong-password-tick' });
          const flowId = await user.createFlow(newRowFlow(fastName, { account: bad, table, orderColumn: 'id' }), 'New rows, bad account');
          await user.startFlow(flowId);
          const records = await user.waitForLogs({ flowId, componentId: 'rows', direction: 'error' }, (rs) => rs.length >= 2);
          expect(records.map((r) => r.error?.code)).toEqual(expect.arrayContaining(['sql.auth_failed']));
          expect(records.every((r) => r.port === 'tick')).toBe(true);
          expect(JSON.stringify(records)).not.toContain('wrong-password-tick');
          expect((await user.call('POST', `/flows/${flowId}/stop`)).status).toBe(200);
        } finally {
          await cleanup();
        }
      });

      it('refuses to start a flow whose component has no account chosen', async () => {
        const flowId = await user.createFlow(hookFlow(type('Query'), { sql: 'SELECT 1' }, {}), 'No account');
        const started = await user.call('POST', `/flows/${flowId}/start`);
        expect(started.status).toBe(422);
        expect(started.body.error.details).toEqual([expect.objectContaining({ code: 'property.required', path: 'flow.step.config.properties.account' })]);
      });
    });

    describe('when a New Row trigger watches a table', () => {
      it('sends each new row once, in order, ties included, across an engine restart', async () => {
        const watched = `${table}_rows`;
        await target.exec(target.timedTable(watched));
        try {
          await target.exec(`INSERT INTO ${watched} (name, created_at) VALUES ('before start', '2029-12-31 00:00:00')`);
          const flowId = await user.createFlow(newRowFlow(fastName, { account, table: watched, orderColumn: 'created_at', keyColumn: 'id', batchSize: 2 }), 'New rows');
          await user.startFlow(flowId);
          // Three rows with the same time: the unique id orders them; batches of 2 split the tie.
          await target.exec(`INSERT INTO ${watched} (name, created_at) VALUES ('a', '2030-01-01 00:00:00.000001'), ('b', '2030-01-01 00:00:00.000001'), ('c', '2030-01-01 00:00:00.000001')`);
          await target.exec(`INSERT INTO ${watched} (name, created_at) VALUES ('d', '2030-01-01 00:00:00.000002')`);
          expect(await rowsSent(weft, user, flowId, 4)).toEqual(['a', 'b', 'c', 'd']);

          // Restart: the cursor is in the Store; rows added while the engine is down come after it.
          const dataDir = weft.dataDir;
          await weft.weft.close();
          await target.exec(`INSERT INTO ${watched} (name, created_at) VALUES ('e', '2030-01-01 00:00:00.000002'), ('f', '2030-01-02 00:00:00')`);
          weft = await startTestWeft({ components: [fastNewRow], dataDir });
          expect(await rowsSent(weft, user, flowId, 6)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
          // Later looks find nothing more: one more row is the seventh message, not a repeat.
          await target.exec(`INSERT INTO ${watched} (name, created_at) VALUES ('g', '2030-01-03 00:00:00')`);
          expect(await rowsSent(weft, user, flowId, 7)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
        } finally {
          await target.exec(`DROP TABLE IF EXISTS ${watched}`);
        }
      });
    });
  });
}
