import { randomUUID } from 'node:crypto';
import pg from 'pg';
import postgres from '@weft/connector-postgres';
import { probeTcp } from './live-service.ts';
import { describeSqlConnector } from './sql-suite.ts';

const PG = { host: process.env.WEFT_TEST_PG_HOST ?? '127.0.0.1', port: Number(process.env.WEFT_TEST_PG_PORT ?? 5432), database: 'test', user: 'postgres' };
let admin: pg.Client;

describeSqlConnector({
  connector: 'weft.postgres',
  service: `PostgreSQL on ${PG.host}:${PG.port}`,
  unreachable: await probeTcp(PG.port, PG.host),
  components: postgres,
  fields: { host: PG.host, port: String(PG.port), database: PG.database, user: PG.user, password: 'unused-with-trust' },
  async open() {
    admin = new pg.Client(PG);
    await admin.connect();
  },
  close: () => admin.end(),
  exec: async (sql, params) => (await admin.query(sql, params)).rows as Record<string, unknown>[],
  peopleTable: (name) => `CREATE TABLE ${name} (id serial PRIMARY KEY, name text NOT NULL, tag text)`,
  timedTable: (name) => `CREATE TABLE ${name} (id serial PRIMARY KEY, name text, created_at timestamp(6) NOT NULL)`,
  manyRows: 'SELECT g FROM generate_series(1, 100000) g',
  async userWithPassword() {
    // This machine trusts local connections whatever the password: a database that does not
    // exist is refused first, so the wrong login is checked against the server's real answer
    // through a role that may not log in at all.
    const role = `weft_pw_${randomUUID().slice(0, 8)}`;
    await admin.query(`CREATE ROLE ${role} NOLOGIN`);
    return { user: role, cleanup: async () => void (await admin.query(`DROP ROLE ${role}`)) };
  },
  insertReturnsRow: true,
});
