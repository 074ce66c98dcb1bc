import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { describeStoreContract } from '../../ports/store.contract.ts';
import { withTestDatabase } from './test-database.ts';
import { MongoStore } from './store.ts';

withTestDatabase('MongoStore', (url, dbName) => describeStoreContract('MongoStore', () => MongoStore.connect({ url, dbName })));

withTestDatabase('MongoStore migrations', (url, dbName) => {
  describe('MongoStore numbered migrations', () => {
    it('records each step once, however many times the database is opened', async () => {
      const first = await MongoStore.connect({ url, dbName });
      const second = await MongoStore.connect({ url, dbName });
      await Promise.all([first.close(), second.close()]);
      const client = new MongoClient(url);
      await client.connect();
      const steps = await client.db(dbName).collection('weft_migrations').find({ scope: 'store' }).sort({ version: 1 }).toArray();
      await client.close();
      expect(steps.map((step) => step.version)).toEqual([1, 2]);
    });
  });
});
