import { describeStoreContract } from '../../ports/store.contract.ts';
import { withTestDatabase } from './test-database.ts';
import { MongoStore } from './store.ts';

withTestDatabase('MongoStore', (url, dbName) => describeStoreContract('MongoStore', () => MongoStore.connect({ url, dbName })));
