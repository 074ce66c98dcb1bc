/** @module ArgsEditor: the modifier's declared arguments; they also type `run` in the code editor. */
import { ModifierArgType, type ModifierArg } from '@weft/api-client';
import { Button, IconButton, Select, TextInput, useStrings } from '@weft/ui-kit';
import { useEditorStore } from './editor-store.ts';

const TYPES = ModifierArgType.options.map((value) => ({ value, label: value }));

export function ArgsEditor() {
  const t = useStrings();
  const args = useEditorStore((s) => s.draft.args);
  const error = useEditorStore((s) => s.fieldErrors.args);
  const edit = useEditorStore((s) => s.edit);

  const change = (index: number, patch: Partial<ModifierArg>) => edit({ args: args.map((arg, i) => (i === index ? { ...arg, ...patch } : arg)) });
  const remove = (index: number) => edit({ args: args.filter((_, i) => i !== index) });
  const add = () => edit({ args: [...args, { name: `arg${args.length + 1}`, type: 'string' }] });

  return (
    <fieldset className="bo-args">
      <legend>{t('editor.args')}</legend>
      {error ? <p className="bo-error" role="alert">{error}</p> : null}
      <ol className="bo-args__list">
        {args.map((arg, index) => (
          <li key={index} className="bo-args__item">
            <TextInput label={t('editor.argName', { n: index + 1 })} value={arg.name} className="weft-mono" spellCheck={false} onChange={(name) => change(index, { name })} />
            <Select label={t('editor.argType')} value={arg.type} options={TYPES} onChange={(type) => change(index, { type })} />
            <IconButton size="small" label={t('editor.removeArg', { name: arg.name })} icon="×" onClick={() => remove(index)} />
            <TextInput
              label={t('editor.argDescription')}
              hideLabel
              placeholder={t('editor.argDescription')}
              className="bo-args__description"
              value={arg.description ?? ''}
              onChange={(description) => change(index, { description })}
            />
            <label className="bo-checkbox">
              <input type="checkbox" checked={arg.optional ?? false} onChange={(event) => change(index, { optional: event.target.checked })} />
              {t('editor.argOptional')}
            </label>
          </li>
        ))}
      </ol>
      <Button size="small" onClick={add}>{t('editor.addArg')}</Button>
    </fieldset>
  );
}
