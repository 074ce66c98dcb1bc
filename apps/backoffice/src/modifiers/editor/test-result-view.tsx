/** @module TestResultView: the last test run: the value (JSON), or the error with its line, plus console output. */
import { Badge, useStrings } from '@weft/ui-kit';
import { useEditorStore } from './editor-store.ts';

export function TestResultView() {
  const t = useStrings();
  const result = useEditorStore((s) => s.testResult);

  if (!result) return <p className="bo-test__result bo-muted" aria-live="polite">{t('test.none')}</p>;
  const logs = result.logs ?? [];
  return (
    <div className="bo-test__result" aria-live="polite" data-ok={result.ok}>
      {result.ok ? (
        <>
          <h3><Badge tone="success">{t('test.ok')}</Badge> <span className="bo-muted">{t('test.duration', { ms: result.durationMs.toFixed(1) })}</span></h3>
          <pre className="bo-json">{JSON.stringify(result.value, null, 2) ?? 'undefined'}</pre>
        </>
      ) : (
        <>
          <h3>
            <Badge tone="danger">{t('test.failed', { code: result.error.code })}</Badge>{' '}
            {result.error.line !== undefined ? <span>{t('test.at', { line: result.error.line, column: result.error.column ?? 1 })}</span> : null}
          </h3>
          <pre className="bo-json bo-json--error" role="alert">{result.error.message}</pre>
        </>
      )}
      {logs.length > 0 ? (
        <>
          <h4>{t('test.logs')}</h4>
          <pre className="bo-json bo-json--logs">{logs.join('\n')}</pre>
        </>
      ) : null}
    </div>
  );
}
