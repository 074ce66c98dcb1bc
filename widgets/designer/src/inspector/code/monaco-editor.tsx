/** @module Monaco editor: the lazily loaded JavaScript editor of a code field, with the input typings as an extra lib. */
import { useEffect, useRef } from 'react';
import { adoptMonacoStyles, monaco } from './monaco-setup.ts';

export interface MonacoEditorProps {
  id: string;
  value: string;
  /** Extra lib (`declare`s) for the JavaScript service, at `libPath`. */
  typings?: { path: string; content: string } | undefined;
  ariaLabel: string;
  onChange: (value: string) => void;
}

export default function MonacoEditor({ id, value, typings, ariaLabel, onChange }: MonacoEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<ReturnType<typeof monaco.editor.create> | undefined>(undefined);
  const latest = useRef(onChange);
  latest.current = onChange;

  useEffect(() => {
    const element = host.current;
    if (!element) return undefined;
    adoptMonacoStyles(element);
    const theme = element.closest('[data-theme]')?.getAttribute('data-theme') === 'dark' ? 'vs-dark' : 'vs';
    const instance = monaco.editor.create(element, {
      value, language: 'javascript', automaticLayout: true, minimap: { enabled: false }, scrollBeyondLastLine: false,
      fontSize: 13, tabSize: 2, ariaLabel, theme, fixedOverflowWidgets: true,
    });
    editor.current = instance;
    const subscription = instance.onDidChangeModelContent(() => latest.current(instance.getValue()));
    return () => {
      subscription.dispose();
      instance.getModel()?.dispose();
      instance.dispose();
      editor.current = undefined;
    };
    // Created once; value and theme changes are applied below.
  }, []);

  useEffect(() => {
    const instance = editor.current;
    if (instance && instance.getValue() !== value) instance.setValue(value);
  }, [value]);

  useEffect(() => {
    if (!typings) return undefined;
    const lib = monaco.typescript.javascriptDefaults.addExtraLib(typings.content, typings.path);
    return () => lib.dispose();
  }, [typings?.content, typings?.path]);

  // `nokey`: React Flow's key handlers (Space pans, Shift selects) skip it; the designer's shortcuts skip
  // `.monaco-editor` anyway, but with EditContext the focused element is a div React Flow cannot tell from the canvas.
  return <div id={id} ref={host} className="wd-monaco nokey" />;
}
