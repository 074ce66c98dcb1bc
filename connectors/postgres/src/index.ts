/** @module PostgreSQL connector: the engine loads this module's default export (see package.json `weft`). */
import { sqlComponents } from '@weft/sql-components';
import { postgresDialect } from './dialect.ts';

export default sqlComponents(postgresDialect);
