import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from '@weft/connector-postgres';
import { startTestWeft, type TestUser, type TestWeft } from '../harness.ts';
import { connectorAccount, describeWithService, fasterTrigger, unreachable } from './service.ts';
import { callHook, hookFlow, newRowFlow, rowsSent } from './sql-flows.ts';

const PG = { host: process.env.WEFT_TEST_PG_HOST ?? '127.0.0.1', port: Number(process.env.WEFT_TEST_PG_PORT ?? 5432), database: 'test', user: 'postgres' };
const why = await unreachable(PG.host, PG.port);
const fastNewRow = fasterTrigger(postgres.find((c) => c.manifest.name === 'weft.postgres.NewRow'), 'test.postgres.NewRow', 200);

describeWithService('PostgreSQL connector against the live server', 'PostgreSQL on 127.0.0.1:5432', why, () => {
  const table = `weft_pg_${randomUUID().slice(0, 8)}`;
  let admin: pg.Client;
  let weft: TestWeft;
  let user: TestUser;
  let account: string;

  beforeAll(async () => {
    admin = new pg.Client(PG);
    await admin.connect();
    await admin.query(`CREATE TABLE ${table} (id serial PRIMARY KEY, name text NOT NULL, tag text, created_at timestamptz NOT NULL DEFAULT now())`);
    weft = await startTestWeft({ components: [fastNewRow] });
    user = await weft.signup();
    account = await connectorAccount(weft, user.userId, 'weft.postgres', { host: PG.host, port: String(PG.port), database: PG.database, user: PG.user, password: 'unused-with-trust' });
  });
  afterAll(async () => {
    await weft?.close();
    await admin?.query(`DROP TABLE IF EXISTS ${table}`);
    await admin?.end();
  });

  describe('when a flow inserts, queries, updates and deletes rows', () => {
    it('does each with the values as parameters, and answers with rows and counts', async () => {
      const insert = await user.createFlow(hookFlow('weft.postgres.InsertRow', { account, table }, { values: '{{{$.hook.out.body.values}}}' }));
      const query = await user.createFlow(hookFlow('weft.postgres.Query', { account, sql: `SELECT id, name, tag FROM ${table} WHERE name = $1 ORDER BY id` }, { params: ['{{{$.hook.out.body.name}}}'] }));
      const update = await user.createFlow(hookFlow('weft.postgres.UpdateRows', { account, table }, { values: '{{{$.hook.out.body.values}}}', where: '{{{$.hook.out.body.where}}}' }));
      const remove = await user.createFlow(hookFlow('weft.postgres.DeleteRows', { account, table }, { where: '{{{$.hook.out.body.where}}}' }));
      for (const flowId of [insert, query, update, remove]) await user.startFlow(flowId);

      // A value that looks like SQL is stored as text, never run.
      const evil = "Robert'); DROP TABLE students; --";
      const inserted = await callHook(weft, insert, { values: { name: evil, tag: 'a' } });
      expect(inserted.status).toBe(200);
      expect(inserted.body).toMatchObject({ row: { id: expect.any(Number), name: evil, tag: 'a' }, rowCount: 1 });
      await callHook(weft, insert, { values: { name: 'Ada', tag: 'b' } });

      const found = await callHook(weft, query, { name: evil });
      expect(found.body).toEqual({ rows: [{ id: (inserted.body as { row: { id: number } }).row.id, name: evil, tag: 'a' }], rowCount: 1 });

      expect((await callHook(weft, update, { values: { tag: 'c' }, where: { name: ['Ada', evil] } })).body).toEqual({ rowCount: 2 });
      expect((await callHook(weft, remove, { where: { tag: 'c', name: 'Ada' } })).body).toEqual({ rowCount: 1 });
      expect((await admin.query(`SELECT name, tag FROM ${table} ORDER BY id`)).rows).toEqual([{ name: evil, tag: 'c' }]);
      await admin.query(`DELETE FROM ${table}`);
    });

    it('refuses an update or delete without a where, rather than change every row', async () => {
      const remove = await user.createFlow(hookFlow('weft.postgres.DeleteRows', { account, table }, { where: '{{{$.hook.out.body.where}}}' }), 'Delete all?');
      await user.startFlow(remove);
      await admin.query(`INSERT INTO ${table} (name) VALUES ('kept')`);
      const answer = await callHook(weft, remove, { where: {} });
      expect(answer.status).toBe(500);
      const records = await user.waitForLogs({ flowId: remove, direction: 'error' }, (r) => r.length > 0);
      expect(records[0]!.error).toMatchObject({ code: 'sql.invalid', message: expect.stringContaining('in.where: map at least one column') });
      expect((await admin.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]).toEqual({ n: 1 });
      await admin.query(`DELETE FROM ${table}`);
    });
  });

  describe('when something is wrong', () => {
    async function failure(type: string, properties: Record<string, unknown>, lambda: Record<string, unknown>, accountId = account) {
      const flowId = await user.createFlow(hookFlow(type, { account: accountId, ...properties }, lambda), `Failing ${type}`);
      await user.startFlow(flowId);
      const answer = await callHook(weft, flowId, {});
      expect(answer.status).toBe(500);
      const records = await user.waitForLogs({ flowId, direction: 'error' }, (r) => r.some((record) => record.severity === 'error'));
      return records.find((record) => record.severity === 'error')!.error!;
    }

    it('says the table is unknown, even for a name made to break out of its quotes', async () => {
      const error = await failure('weft.postgres.InsertRow', { table: `${table}"; DROP TABLE ${table}; --` }, { values: { name: 'x' } });
      expect(error.code).toBe('sql.unknown_table');
      expect(error.message).toContain('check the table name');
      expect((await admin.query(`SELECT to_regclass($1) AS t`, [table])).rows[0].t).toBe(table);
    });

    it('says the SQL has a syntax error', async () => {
      const error = await failure('weft.postgres.Query', { sql: 'SELEC 1' }, {});
      expect(error).toMatchObject({ code: 'sql.syntax', message: expect.stringContaining('syntax error') });
    });

    it('says the password was refused, without writing it anywhere', async () => {
      const role = `weft_pw_${randomUUID().slice(0, 8)}`;
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'right-password'`);
      try {
        // trust authentication on this machine accepts any password: ask for md5/scram only where the server is set so.
        const bad = await connectorAccount(weft, user.userId, 'weft.postgres', { host: PG.host, port: String(PG.port), database: 'does_not_exist_db', user: role, password: 'wrong-password-xyz' });
        const error = await failure('weft.postgres.Query', { sql: 'SELECT 1' }, {}, bad);
        expect(['sql.unknown_database', 'sql.auth_failed']).toContain(error.code);
        expect(JSON.stringify(error)).not.toContain('wrong-password-xyz');
      } finally {
        await admin.query(`DROP ROLE ${role}`);
      }
    });

    it('refuses more rows than "Max rows" instead of loading them all', async () => {
      const error = await failure('weft.postgres.Query', { sql: 'SELECT g FROM generate_series(1, 100000) g', maxRows: 10 }, {});
      expect(error).toMatchObject({ code: 'sql.too_many_rows', message: expect.stringContaining('more than 10 rows') });
    });

    it('refuses to start a flow whose component has no account chosen', async () => {
      const flowId = await user.createFlow(hookFlow('weft.postgres.Query', { sql: 'SELECT 1' }, {}), 'No account');
      const started = await user.call('POST', `/flows/${flowId}/start`);
      expect(started.status).toBe(422);
      expect(started.body.error.details).toEqual([expect.objectContaining({ code: 'property.required', path: 'flow.step.config.properties.account' })]);
    });
  });

  describe('when a New Row trigger watches the table', () => {
    it('sends each new row once, in order, ties included, across an engine restart', async () => {
      const watched = `${table}_rows`;
      await admin.query(`CREATE TABLE ${watched} (id serial PRIMARY KEY, name text, created_at timestamptz NOT NULL)`);
      try {
        await admin.query(`INSERT INTO ${watched} (name, created_at) VALUES ('before start', now())`);
        const flowId = await user.createFlow(newRowFlow('test.postgres.NewRow', { account, table: watched, orderColumn: 'created_at', keyColumn: 'id', batchSize: 2 }), 'New rows');
        await user.startFlow(flowId);
        // Three rows with the same time: the unique id orders them; batches of 2 split the tie.
        await admin.query(`INSERT INTO ${watched} (name, created_at) VALUES ('a', '2030-01-01T00:00:00.000001Z'), ('b', '2030-01-01T00:00:00.000001Z'), ('c', '2030-01-01T00:00:00.000001Z')`);
        await admin.query(`INSERT INTO ${watched} (name, created_at) VALUES ('d', '2030-01-01T00:00:00.000002Z')`);
        expect(await rowsSent(weft, user, flowId, 4)).toEqual(['a', 'b', 'c', 'd']);

        // Restart: the cursor is in the Store; rows added while the engine is down come after it.
        const dataDir = weft.dataDir;
        await weft.weft.close();
        await admin.query(`INSERT INTO ${watched} (name, created_at) VALUES ('e', '2030-01-01T00:00:00.000002Z'), ('f', '2030-01-02T00:00:00Z')`);
        weft = await startTestWeft({ components: [fastNewRow], dataDir });
        expect(await rowsSent(weft, user, flowId, 6)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
        // Later looks find nothing more: one more row is the seventh message, not a repeat.
        await admin.query(`INSERT INTO ${watched} (name, created_at) VALUES ('g', '2030-01-03T00:00:00Z')`);
        expect(await rowsSent(weft, user, flowId, 7)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
      } finally {
        await admin.query(`DROP TABLE IF EXISTS ${watched}`);
      }
    });
  });
});
