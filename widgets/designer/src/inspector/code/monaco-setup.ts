/**
 * @module Monaco setup: the bundled editor core with JavaScript only (never a CDN), its workers as Vite
 * `?worker` chunks, and the JavaScript service checking code against the sandbox (ES2023, no DOM).
 * Imported only by the lazily loaded editor: it is never part of the designer's first chunk.
 */
import * as editorApi from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/javascript/register';
import * as typescript from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';

export const monaco = { ...editorApi, typescript };

self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    if (label === 'typescript' || label === 'javascript') return new TsWorker();
    return new EditorWorker();
  },
};

const javascript = typescript.javascriptDefaults;
javascript.setCompilerOptions({
  target: typescript.ScriptTarget.ES2020,
  lib: ['es2023'],
  allowJs: true,
  checkJs: true,
  allowNonTsExtensions: true,
  noEmit: true,
});
javascript.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
javascript.setEagerModelSync(true);

/**
 * The editor lives in the designer's shadow root, where the CSS Vite put into the document does not
 * apply: copy Monaco's rules next to it once per root (same-origin sheets only).
 */
const styled = new WeakSet<Node>();
export function adoptMonacoStyles(element: HTMLElement): void {
  const root = element.getRootNode();
  if (!(root instanceof ShadowRoot) || styled.has(root)) return;
  styled.add(root);
  const rules: string[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    let list: CSSRuleList;
    try {
      list = sheet.cssRules;
    } catch {
      continue;
    }
    const text = Array.from(list, (rule) => rule.cssText).join('\n');
    if (text.includes('.monaco-')) rules.push(text);
  }
  const style = document.createElement('style');
  style.dataset.weftMonaco = '';
  style.textContent = rules.join('\n');
  root.appendChild(style);
}
