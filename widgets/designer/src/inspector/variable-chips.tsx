/** @module Variable chips: the variables a field's text uses, shown as readable chips (or the parse error). */
import { parseTemplate } from '@weft/variables';
import { useT } from '../hooks/use-designer-services.ts';
import { useDesignerStore } from '../store/designer-store-context.tsx';

function pathText(path: readonly { kind: string; key?: string; index?: number }[]): string {
  return path.map((segment) => (segment.kind === 'key' ? segment.key : segment.kind === 'index' ? `[${segment.index}]` : '*')).join('.');
}

/** `errorsOnly`: the field shows its chips itself (chip editor); say only when the text does not parse. */
export function VariableChips({ text, errorsOnly = false }: { text: string; errorsOnly?: boolean }) {
  const t = useT();
  const labels = useDesignerStore((s) => s.nodes);
  if (!text.includes('{{{')) return null;
  const parsed = parseTemplate(text);
  if (!parsed.ok) return <p className="wd-error">{t('designer.variables.invalid', { message: parsed.error.message })}</p>;
  if (errorsOnly) return null;
  return (
    <div className="wd-chips" aria-hidden="true">
      {parsed.value.map((part, index) => {
        if (part.kind === 'text') return <span key={index} className="wd-chips__text">{part.text}</span>;
        const { componentId, port, path, modifiers } = part.ref;
        const label = labels.find((node) => node.id === componentId)?.data.label ?? componentId;
        const tail = [port, pathText(path)].filter(Boolean).join('.');
        return (
          <span key={index} className="wd-chip" title={part.ref.raw}>
            {label} › {tail}
            {modifiers.map((modifier) => <span key={modifier.name} className="wd-chip__modifier">{modifier.name}</span>)}
          </span>
        );
      })}
    </div>
  );
}
