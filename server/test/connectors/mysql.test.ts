import { randomUUID } from 'node:crypto';
import mysqlDriver from 'mysql2/promise';
import mysql from '@weft/connector-mysql';
import { probeTcp } from './live-service.ts';
import { describeSqlConnector } from './sql-suite.ts';

const MY = { host: process.env.WEFT_TEST_MYSQL_HOST ?? '127.0.0.1', port: Number(process.env.WEFT_TEST_MYSQL_PORT ?? 3306), database: 'test', user: 'root' };
let admin: mysqlDriver.Connection;

describeSqlConnector({
  connector: 'weft.mysql',
  service: `MySQL/MariaDB on ${MY.host}:${MY.port}`,
  unreachable: await probeTcp(MY.port, MY.host),
  components: mysql,
  fields: { host: MY.host, port: String(MY.port), database: MY.database, user: MY.user },
  async open() {
    admin = await mysqlDriver.createConnection({ ...MY, timezone: 'Z' });
  },
  close: () => admin.end(),
  exec: async (sql, params) => {
    const [rows] = await admin.query(sql, params);
    return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
  },
  peopleTable: (name) => `CREATE TABLE ${name} (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(200) NOT NULL, tag VARCHAR(50))`,
  timedTable: (name) => `CREATE TABLE ${name} (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(200), created_at DATETIME(6) NOT NULL)`,
  manyRows: 'SELECT a.seq FROM seq_1_to_1000 a CROSS JOIN seq_1_to_100 b',
  async userWithPassword() {
    const login = `weft_pw_${randomUUID().slice(0, 8)}`;
    await admin.query(`CREATE USER '${login}'@'%' IDENTIFIED BY 'right-password'`);
    await admin.query(`CREATE USER '${login}'@'localhost' IDENTIFIED BY 'right-password'`);
    return {
      user: login,
      cleanup: async () => {
        await admin.query(`DROP USER '${login}'@'%'`);
        await admin.query(`DROP USER '${login}'@'localhost'`);
      },
    };
  },
  insertReturnsRow: false,
});
