/** @module TestPanel: sample value and arguments as JSON → POST /modifiers/test with the unsaved source; shows value or error. */
import type { FormEvent } from 'react';
import { Badge, Button, TextArea, useStrings } from '@weft/ui-kit';
import { useEditorStore } from './editor-store.ts';
import { TestResultView } from './test-result-view.tsx';

export function TestPanel() {
  const t = useStrings();
  const value = useEditorStore((s) => s.testValue);
  const args = useEditorStore((s) => s.testArgs);
  const declared = useEditorStore((s) => s.draft.args);
  const inputError = useEditorStore((s) => s.testInputError);
  const isTesting = useEditorStore((s) => s.isTesting);
  const setTestInput = useEditorStore((s) => s.setTestInput);
  const runTest = useEditorStore((s) => s.runTest);

  const [errorField, errorMessage] = inputError?.split(/:(.*)/s) ?? [];
  const describe = (field: string) => {
    if (errorField !== field) return undefined;
    return errorMessage === 'array' ? t('test.notArray') : t('test.invalidJson', { message: errorMessage ?? '' });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void runTest();
  };

  return (
    <div className="bo-test">
      <form className="bo-test__inputs" onSubmit={submit} aria-label={t('test.title')}>
        <TextArea label={t('test.value')} value={value} rows={4} spellCheck={false} error={describe('value')} onChange={(text) => setTestInput({ value: text })} />
        <TextArea
          label={t('test.args')}
          value={args}
          rows={2}
          spellCheck={false}
          placeholder={JSON.stringify(declared.map((arg) => arg.name))}
          error={describe('args')}
          onChange={(text) => setTestInput({ args: text })}
        />
        <div className="bo-row">
          <Button type="submit" variant="primary" disabled={isTesting}>{isTesting ? t('test.running') : t('test.run')}</Button>
          {declared.length > 0 ? <span className="bo-muted">run(value, {declared.map((a) => a.name).join(', ')})</span> : null}
          {isTesting ? <Badge>{t('test.running')}</Badge> : null}
        </div>
      </form>
      <TestResultView />
    </div>
  );
}
