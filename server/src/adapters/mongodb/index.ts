/** @module MongoDB adapters: the Store on a MongoDB database. */
export { MongoStore } from './store.ts';
export type { MongoStoreOptions } from './store.ts';
