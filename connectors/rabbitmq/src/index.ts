/** The components of weft.rabbitmq: the engine loads this module's default export. */
import { Consume } from './consume.ts';
import { Publish } from './publish.ts';

export { Consume, Publish };
export { publishers } from './connection.ts';
export default [Publish, Consume];
