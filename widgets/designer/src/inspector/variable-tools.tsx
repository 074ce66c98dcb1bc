/** @module Variable tools: the "{x}" button beside a field that opens the variable picker. */
import { useState } from 'react';
import { useT } from '../hooks/use-designer-services.ts';
import { VariablePicker } from './variable-picker.tsx';

export function VariableTools({ componentId, onInsert }: { componentId: string; onInsert: (snippet: string) => void }) {
  const t = useT();
  const [isOpen, setOpen] = useState(false);
  return (
    <span className="wd-variable-tools">
      <button type="button" className="wd-variable-button" aria-expanded={isOpen} aria-label={t('designer.variables.insert')} title={t('designer.variables.insert')} onClick={() => setOpen(!isOpen)}>
        {'{x}'}
      </button>
      {isOpen && (
        <VariablePicker
          componentId={componentId}
          onClose={() => setOpen(false)}
          onInsert={(snippet) => {
            onInsert(snippet);
            setOpen(false);
          }}
        />
      )}
    </span>
  );
}
