/** @module MySQL / MariaDB connector: the engine loads this module's default export (see package.json `weft`). */
import { sqlComponents } from '@weft/sql-components';
import { mysqlDialect } from './dialect.ts';

export default sqlComponents(mysqlDialect);
