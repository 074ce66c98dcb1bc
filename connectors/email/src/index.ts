/** The components of weft.email: the engine loads this module's default export. */
import { Send } from './send.ts';

export { Send };
export default [Send];
