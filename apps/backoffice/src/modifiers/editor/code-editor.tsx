/**
 * @module CodeEditor: Monaco on the draft's source. The declared arguments type `run` through an extra
 * lib; the last test error and a save-time syntax error show as markers on their line. Ctrl+S saves.
 */
import { useEffect, useRef, useState } from 'react';
import Editor, { type OnMount } from '@monaco-editor/react';
import { Spinner, useStrings } from '@weft/ui-kit';
import { monaco, type editor } from '../../monaco/monaco-setup.ts';
import { MODIFIER_LIB_PATH, modifierTypings } from '../../monaco/modifier-typings.ts';
import { codeProblemOf, useEditorStore, type CodeProblem } from './editor-store.ts';

const MARKER_OWNER = 'weft-modifier';

function useCodeProblem(): CodeProblem | undefined {
  const testResult = useEditorStore((s) => s.testResult);
  const saveProblem = useEditorStore((s) => s.saveProblem);
  if (saveProblem) return saveProblem;
  return testResult && !testResult.ok ? codeProblemOf(testResult.error) : undefined;
}

export function CodeEditor({ onSave }: { onSave?: () => void }) {
  const t = useStrings();
  const source = useEditorStore((s) => s.draft.source);
  const name = useEditorStore((s) => s.draft.name);
  const isNew = useEditorStore((s) => s.isNew);
  const args = useEditorStore((s) => s.draft.args);
  const edit = useEditorStore((s) => s.edit);
  const problem = useCodeProblem();
  const [editor, setEditor] = useState<editor.IStandaloneCodeEditor | undefined>();
  const onSaveRef = useRef(onSave);
  onSaveRef.current = onSave;

  useEffect(() => {
    const lib = monaco.typescript.javascriptDefaults.addExtraLib(modifierTypings(args), MODIFIER_LIB_PATH);
    return () => lib.dispose();
  }, [args]);

  useEffect(() => {
    const model = editor?.getModel();
    if (!editor || !model) return;
    if (!problem) {
      monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
      return;
    }
    const line = Math.min(Math.max(problem.line, 1), model.getLineCount());
    monaco.editor.setModelMarkers(model, MARKER_OWNER, [{
      severity: monaco.MarkerSeverity.Error,
      message: problem.message,
      startLineNumber: line,
      startColumn: Math.max(problem.column, 1),
      endLineNumber: line,
      endColumn: model.getLineMaxColumn(line),
    }]);
    editor.revealLineInCenterIfOutsideViewport(line);
  }, [editor, problem]);

  const onMount: OnMount = (mounted) => {
    mounted.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => onSaveRef.current?.());
    setEditor(mounted);
  };

  return (
    <div className="bo-editor__code" role="group" aria-label={t('editor.code')}>
      <Editor
        path={`modifiers/${isNew ? 'new-modifier' : name}.js`}
        defaultLanguage="javascript"
        value={source}
        onChange={(value) => edit({ source: value ?? '' })}
        onMount={onMount}
        loading={<Spinner label={t('editor.loading')} />}
        options={{
          ariaLabel: t('editor.code'),
          minimap: { enabled: false },
          fontSize: 13,
          scrollBeyondLastLine: false,
          automaticLayout: true,
          tabSize: 2,
          fixedOverflowWidgets: true,
        }}
      />
    </div>
  );
}
