/** The components of weft.mqtt: the engine loads this module's default export. */
import { Publish } from './publish.ts';
import { Subscribe } from './subscribe.ts';

export { Publish, Subscribe };
export { publishers } from './connection.ts';
export default [Publish, Subscribe];
