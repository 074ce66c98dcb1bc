/**
 * @module Monaco setup: the bundled editor (never a CDN: see bundled-loader.ts), its workers as Vite
 * `?worker` chunks, and the JavaScript language service checking modifier code. Imported only by
 * lazily loaded pages.
 */
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';
import { monaco } from './monaco-api.ts';

self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    if (label === 'typescript' || label === 'javascript') return new TsWorker();
    return new EditorWorker();
  },
};

// Modifier code runs in the sandbox (QuickJS, ES2023, no DOM, no Node), so check it against that.
// monaco-editor 0.55+ moved `languages.typescript` to the top-level `typescript` namespace.
const javascript = monaco.typescript.javascriptDefaults;
javascript.setCompilerOptions({
  target: monaco.typescript.ScriptTarget.ES2020,
  lib: ['es2023'],
  allowJs: true,
  checkJs: true,
  allowNonTsExtensions: true,
  noEmit: true,
});
javascript.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
javascript.setEagerModelSync(true);

export { monaco };
export type { editor } from './monaco-api.ts';
