import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, describe, it } from 'vitest';
import { describeTemplateStoreContract } from '../../ports/template-store.contract.ts';
import { MongoTemplateStore } from './template-store.ts';

const MONGODB_URL = process.env.MONGODB_URL;

if (MONGODB_URL === undefined || MONGODB_URL === '') {
  // No MongoDB server can be obtained on the build machine (see TOOLCHAIN.md); CI sets MONGODB_URL.
  console.warn('Skipping MongoTemplateStore contract: set MONGODB_URL (e.g. mongodb://127.0.0.1:27017) to run it against a real server.');
  describe.skip('MongoTemplateStore (MONGODB_URL is not set)', () => {
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
  describeTemplateStoreContract('MongoTemplateStore', () => MongoTemplateStore.connect({ url: MONGODB_URL, dbName }));
}
