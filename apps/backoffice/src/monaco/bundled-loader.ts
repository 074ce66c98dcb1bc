/**
 * @module Bundled loader: stands in for `@monaco-editor/loader` (Vite alias), whose default
 * configuration points at a CDN. @monaco-editor/react gets the bundled Monaco at once instead.
 */
import { monaco } from './monaco-api.ts';

type Cancelable<T> = Promise<T> & { cancel: () => void };

const loader = {
  /** Nothing to configure: Monaco is always the bundled one. */
  config: (_options: unknown): void => undefined,
  init: (): Cancelable<typeof monaco> => Object.assign(Promise.resolve(monaco), { cancel: () => undefined }),
  __getMonacoInstance: (): typeof monaco => monaco,
};

export default loader;
