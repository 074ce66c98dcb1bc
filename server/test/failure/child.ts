/** @module Failure-test child: one Weft process running the roles named in argv[2] (`api,worker`…). */
import { loadConfig } from '../../src/config.ts';
import { ALL_ROLES, startWeft, type Role } from '../../src/runtime.ts';
import { failureComponents } from './effects.ts';

const roles = (process.argv[2] ?? ALL_ROLES.join(',')).split(',').filter((r): r is Role => (ALL_ROLES as readonly string[]).includes(r));
const weft = await startWeft({ config: loadConfig(), roles, components: failureComponents(process.env.FAILURE_DIR!) });
console.log(`READY ${weft.url} ${weft.engine.instanceId}`);
const stop = () => void weft.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
