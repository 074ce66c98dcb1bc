import { describeTemplateStoreContract } from '../../ports/template-store.contract.ts';
import { withTestDatabase } from './test-database.ts';
import { MongoTemplateStore } from './template-store.ts';

withTestDatabase('MongoTemplateStore', (url, dbName) => describeTemplateStoreContract('MongoTemplateStore', () => MongoTemplateStore.connect({ url, dbName })));
