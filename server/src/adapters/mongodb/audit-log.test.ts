import { describeAuditLogContract } from '../../ports/audit-log.contract.ts';
import { withTestDatabase } from './test-database.ts';
import { MongoAuditLog } from './audit-log.ts';

withTestDatabase('MongoAuditLog', (url, dbName) => describeAuditLogContract('MongoAuditLog', () => MongoAuditLog.connect({ url, dbName })));
