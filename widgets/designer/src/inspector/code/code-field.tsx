/** @module Code field: Monaco (JavaScript), loaded only when a code field is shown, over a textarea until it is ready. */
import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import type { ControlProps } from '../field-control.tsx';
import { asText } from '../fields/text-field.tsx';
import { indexNodes } from '../../store/graph-slice.ts';
import { useDesignerStore } from '../../store/designer-store-context.tsx';
import { buildInputTypings, inputLibPath } from './input-typings.ts';
import { CodeRunPanel } from './code-run-panel.tsx';
import type { MonacoEditorProps } from './monaco-editor.tsx';

/** The component whose `code` gets input typings and a Run button. */
export const JAVASCRIPT_COMPONENT = 'weft.utils.code.JavaScript';

/** Its own chunk; if it cannot load (offline, blocked), the field stays a textarea. */
const MonacoEditor = lazy(() =>
  import('./monaco-editor.tsx').catch(() => ({
    default: ({ id, value, ariaLabel, onChange }: MonacoEditorProps) => (
      <textarea id={id} className="wd-input wd-code" rows={8} value={value} aria-label={ariaLabel} spellCheck={false} onChange={(event) => onChange(event.target.value)} />
    ),
  })),
);

/** Monaco needs workers and a real DOM; elsewhere (tests, old hosts) the textarea stays. */
const canUseMonaco = (): boolean => typeof Worker !== 'undefined' && typeof document !== 'undefined' && typeof ShadowRoot !== 'undefined';

export function CodeField(props: ControlProps) {
  const { id, input, value, componentId, componentType, describedBy, isInvalid, onChange } = props;
  const text = asText(value);
  const isJavaScript = componentType === JAVASCRIPT_COMPONENT;
  const nodes = useDesignerStore((s) => s.nodes);
  const edges = useDesignerStore((s) => s.edges);
  const manifests = useDesignerStore((s) => s.manifests);
  const content = useMemo(
    () => (isJavaScript ? buildInputTypings(componentId, indexNodes(nodes), edges, manifests) : undefined),
    [isJavaScript, componentId, nodes, edges, manifests],
  );
  const set = (next: string) => onChange(next === '' ? undefined : next);
  const textarea: ReactNode = (
    <textarea
      id={id}
      className="wd-input wd-code"
      rows={8}
      value={text}
      placeholder={input.placeholder}
      aria-describedby={describedBy}
      aria-invalid={isInvalid}
      spellCheck={false}
      onChange={(event) => set(event.target.value)}
    />
  );
  const useMonaco = (input.language ?? 'javascript') === 'javascript' && canUseMonaco();
  return (
    <>
      {useMonaco ? (
        <Suspense fallback={textarea}>
          <MonacoEditor
            id={id}
            value={text}
            ariaLabel={input.label}
            typings={content === undefined ? undefined : { path: inputLibPath(componentId), content }}
            onChange={set}
          />
        </Suspense>
      ) : textarea}
      {isJavaScript && <CodeRunPanel componentId={componentId} code={text} />}
    </>
  );
}
