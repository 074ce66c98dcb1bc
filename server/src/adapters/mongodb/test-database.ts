/** @module MongoDB test database: runs a contract against MONGODB_URL in a database of its own, dropped afterwards. */
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, describe, it } from 'vitest';

/**
 * Calls `suite(url, dbName)` when MONGODB_URL is set; otherwise skips with a note: no MongoDB server
 * can be obtained on the build machine (see TOOLCHAIN.md), CI sets MONGODB_URL.
 */
export function withTestDatabase(what: string, suite: (url: string, dbName: string) => void): void {
  const url = process.env.MONGODB_URL;
  if (url === undefined || url === '') {
    console.warn(`Skipping ${what} contract: set MONGODB_URL (e.g. mongodb://127.0.0.1:27017) to run it against a real server.`);
    describe.skip(`${what} (MONGODB_URL is not set)`, () => {
      it('needs a MongoDB server', () => undefined);
    });
    return;
  }
  const dbName = `weft_test_${randomUUID().slice(0, 8)}`;
  afterAll(async () => {
    const client = new MongoClient(url);
    await client.connect();
    await client.db(dbName).dropDatabase();
    await client.close();
  });
  suite(url, dbName);
}
