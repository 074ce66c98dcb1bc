import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, describe, it } from 'vitest';
import { describeStoreContract } from '../../ports/store.contract.ts';
import { MongoStore } from './store.ts';

const MONGODB_URL = process.env.MONGODB_URL;

if (MONGODB_URL === undefined || MONGODB_URL === '') {
  console.warn('Skipping MongoStore contract: set MONGODB_URL (e.g. mongodb://127.0.0.1:27017) to run it against a real server.');
  describe.skip('MongoStore (MONGODB_URL is not set)', () => {
    it('needs a MongoDB server', () => undefined);
  });
} else {
  /** One database per run, dropped afterwards. */
  const dbName = `weft_test_${randomUUID().slice(0, 8)}`;
  afterAll(async () => {
    const client = new MongoClient(MONGODB_URL);
    await client.connect();
    await client.db(dbName).dropDatabase();
    await client.close();
  });
  describeStoreContract('MongoStore', () => MongoStore.connect({ url: MONGODB_URL, dbName }));
}
