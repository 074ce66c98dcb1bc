/** @module Code run panel: runs a JavaScript component's `run(input, context)` on sample input in the engine's sandbox. */
import { useId, useState } from 'react';
import { Button } from '@weft/ui-kit';
import type { ModifierTestResult } from '@weft/api-client';
import { errorMessage } from '../../api/designer-api.ts';
import { useDesignerServices } from '../../hooks/use-designer-services.ts';
import { useDesignerStore } from '../../store/designer-store-context.tsx';
import { runCodeBody, describeRunResult } from './code-run.ts';

export function CodeRunPanel({ componentId, code }: { componentId: string; code: string }) {
  const { api, t } = useDesignerServices();
  const flowId = useDesignerStore((s) => s.flowId);
  const sampleId = useId();
  const [sample, setSample] = useState('{}');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string; logs: readonly string[] } | undefined>(undefined);
  const testModifier = api.testModifier;
  if (!testModifier) return <p className="wd-hint">{t('designer.code.noEngine')}</p>;

  const run = async () => {
    const body = runCodeBody(code, sample, { flowId, componentId });
    if (!body.ok) {
      setResult({ ok: false, text: t('designer.code.badJson', { message: body.message }), logs: [] });
      return;
    }
    setBusy(true);
    try {
      const answer: ModifierTestResult = await testModifier(body.body);
      const described = describeRunResult(answer);
      setResult({
        ok: described.ok,
        text: described.ok
          ? `${t('designer.code.result', { ms: Math.round(described.durationMs) })}\n${described.text}`
          : t('designer.code.error', { where: described.line === undefined ? '' : t('designer.code.atLine', { line: described.line }), message: described.text }),
        logs: described.logs,
      });
    } catch (error) {
      setResult({ ok: false, text: errorMessage(error), logs: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="wd-code-run">
      <label htmlFor={sampleId} className="wd-field__label">{t('designer.code.sampleInput')}</label>
      <textarea id={sampleId} className="wd-input wd-code" rows={3} spellCheck={false} value={sample} onChange={(event) => setSample(event.target.value)} />
      <div>
        <Button onClick={() => void run()} disabled={busy}>{busy ? t('designer.code.running') : t('designer.code.run')}</Button>
      </div>
      <div aria-live="polite">
        {result && <pre className="wd-code-run__result" data-ok={result.ok}>{result.text}</pre>}
        {result && result.logs.length > 0 && (
          <>
            <span className="wd-hint">{t('designer.code.logs')}</span>
            <pre className="wd-code-run__result">{result.logs.join('\n')}</pre>
          </>
        )}
      </div>
    </div>
  );
}
