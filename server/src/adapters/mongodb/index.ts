/** @module MongoDB adapters: the Store and the TemplateStore on a MongoDB database. */
export { MongoStore } from './store.ts';
export type { MongoStoreOptions } from './store.ts';
export { MongoTemplateStore } from './template-store.ts';
export type { MongoTemplateStoreOptions } from './template-store.ts';
export { MongoAuditLog } from './audit-log.ts';
export type { MongoAuditLogOptions } from './audit-log.ts';
