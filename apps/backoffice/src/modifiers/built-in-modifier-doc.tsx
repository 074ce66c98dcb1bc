/** @module BuiltInModifierDoc: read-only documentation of a built-in modifier: arguments and worked examples. */
import type { ModifierInfo } from '@weft/api-client';
import { Badge, useStrings } from '@weft/ui-kit';
import { routeHash } from '../route.ts';

const json = (value: unknown): string => (value === undefined ? '—' : JSON.stringify(value));

export function BuiltInModifierDoc({ modifier }: { modifier: ModifierInfo }) {
  const t = useStrings();
  return (
    <article className="bo-page bo-doc" aria-labelledby="bo-doc-title">
      <a href={routeHash({ page: 'modifiers' })}>{t('modifiers.back')}</a>
      <h1 id="bo-doc-title" className="bo-page__title"><code>{modifier.name}</code> · {modifier.label}</h1>
      <p><Badge tone="muted">{modifier.category}</Badge> <Badge>{t('modifiers.readOnly')}</Badge></p>
      <p>{modifier.description}</p>

      <h2>{t('modifiers.args')}</h2>
      {modifier.args.length === 0 ? <p>{t('modifiers.noArgs')}</p> : (
        <dl className="bo-doc__args">
          {modifier.args.map((arg) => (
            <div key={arg.name}>
              <dt><code>{arg.name}</code>: <code>{arg.type}</code>{arg.optional ? ` (${t('modifiers.optional')})` : ''}</dt>
              <dd>{arg.description ?? ''}</dd>
            </div>
          ))}
        </dl>
      )}

      <h2>{t('modifiers.examples')}</h2>
      <table className="bo-table">
        <thead>
          <tr><th scope="col">{t('modifiers.example.input')}</th><th scope="col">{t('modifiers.example.args')}</th><th scope="col">{t('modifiers.example.output')}</th></tr>
        </thead>
        <tbody>
          {modifier.examples.map((example, index) => (
            <tr key={index}>
              <td><code>{json(example.input)}</code></td>
              <td><code>{example.args.map(json).join(', ')}</code></td>
              <td><code>{json(example.output)}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
