/** @module JsonTree: a payload as nested, collapsible <details> (native keyboard and screen-reader support). */
import { useStrings } from '@weft/ui-kit';

function Leaf({ value }: { value: unknown }) {
  if (value === null) return <span className="weft-il__json-null">null</span>;
  switch (typeof value) {
    case 'string': return <span className="weft-il__json-string">{JSON.stringify(value)}</span>;
    case 'number':
    case 'bigint': return <span className="weft-il__json-number">{String(value)}</span>;
    case 'boolean': return <span className="weft-il__json-boolean">{String(value)}</span>;
    case 'undefined': return <span className="weft-il__json-null">undefined</span>;
    default: return <span>{typeof value}</span>;
  }
}

export function JsonTree({ value, name, depth = 0 }: { value: unknown; name?: string; depth?: number }) {
  const t = useStrings();
  const label = name === undefined ? null : <span className="weft-il__json-key">{name}: </span>;
  if (value === null || typeof value !== 'object') {
    return <div className="weft-il__json-line">{label}<Leaf value={value} /></div>;
  }
  const entries: [string, unknown][] = Array.isArray(value) ? (value as unknown[]).map((item, index) => [String(index), item]) : Object.entries(value);
  const summary = Array.isArray(value) ? `[ ${t('insights.items', { count: entries.length })} ]` : `{ ${t('insights.keys', { count: entries.length })} }`;
  return (
    // The first two levels start open: most payloads are read there.
    <details className="weft-il__json-node" open={depth < 2}>
      <summary>{label}<span className="weft-il__json-summary">{summary}</span></summary>
      <div className="weft-il__json-children">
        {entries.map(([key, child]) => <JsonTree key={key} name={key} value={child} depth={depth + 1} />)}
      </div>
    </details>
  );
}
