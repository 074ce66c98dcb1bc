/** @module Modifier preview panel: a sample value and what the chain makes of it, as the person edits either. */
import { useEffect, useId, useState } from 'react';
import { useDebouncedValue } from '@weft/ui-kit';
import { useDesignerServices } from '../hooks/use-designer-services.ts';
import { parseSample, previewChain, type ModifierEntry, type PreviewResult } from './modifier-preview.ts';
import type { ModifierStep } from './variable-expression.ts';

export function ModifierPreviewPanel({ steps, catalog }: { steps: readonly ModifierStep[]; catalog: ReadonlyMap<string, ModifierEntry> }) {
  const { api, t } = useDesignerServices();
  const sampleId = useId();
  const [sample, setSample] = useState('');
  const [result, setResult] = useState<PreviewResult | undefined>(undefined);
  // Debounce a string: a fresh object every render would never settle.
  const key = useDebouncedValue(JSON.stringify({ sample, steps }), 300);

  useEffect(() => {
    const debounced = JSON.parse(key) as { sample: string; steps: ModifierStep[] };
    if (debounced.sample === '' || debounced.steps.length === 0) {
      setResult(undefined);
      return undefined;
    }
    let isCurrent = true;
    previewChain(parseSample(debounced.sample), debounced.steps, catalog, api.testModifier).then(
      (next) => isCurrent && setResult(next),
      (error: unknown) => isCurrent && setResult({ ok: false, message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      isCurrent = false;
    };
  }, [key, catalog, api]);

  return (
    <div className="wd-code-run">
      <label htmlFor={sampleId} className="wd-hint">{t('designer.variables.previewInput')}</label>
      <input id={sampleId} className="wd-input wd-input--small" value={sample} onChange={(event) => setSample(event.target.value)} />
      <div aria-live="polite">
        {result?.ok === 'needs-engine' && <p className="wd-hint">{t('designer.variables.previewNeedsEngine')}</p>}
        {result?.ok === true && <pre className="wd-code-run__result" aria-label={t('designer.variables.previewResult')}>{JSON.stringify(result.value, null, 2) ?? 'undefined'}</pre>}
        {result?.ok === false && <pre className="wd-code-run__result" data-ok="false">{result.step ? `${result.step}: ` : ''}{result.message}</pre>}
      </div>
    </div>
  );
}
