/** @module ModifierFields: name, label, description, category and the argument list of the draft. */
import { ModifierCategory } from '@weft/api-client';
import { Select, TextArea, TextInput, useStrings } from '@weft/ui-kit';
import { useEditorStore } from './editor-store.ts';
import { ArgsEditor } from './args-editor.tsx';

const CATEGORIES = ModifierCategory.options.map((value) => ({ value, label: value }));

export function ModifierFields() {
  const t = useStrings();
  const isNew = useEditorStore((s) => s.isNew);
  const name = useEditorStore((s) => s.draft.name);
  const label = useEditorStore((s) => s.draft.label);
  const description = useEditorStore((s) => s.draft.description);
  const category = useEditorStore((s) => s.draft.category);
  const errors = useEditorStore((s) => s.fieldErrors);
  const edit = useEditorStore((s) => s.edit);

  return (
    <form className="bo-editor__fields" aria-label={t('editor.fields')} onSubmit={(event) => event.preventDefault()}>
      <TextInput
        label={t('editor.name')}
        value={name}
        readOnly={!isNew}
        required
        spellCheck={false}
        className="weft-mono"
        error={errors.name}
        aria-description={t('editor.nameHint')}
        onChange={(value) => edit({ name: value })}
      />
      <TextInput label={t('editor.label')} value={label} required error={errors.label} onChange={(value) => edit({ label: value })} />
      <TextArea label={t('editor.description')} value={description} rows={3} className="bo-textarea--prose" error={errors.description} onChange={(value) => edit({ description: value })} />
      <Select label={t('editor.category')} value={category} options={CATEGORIES} onChange={(value) => edit({ category: value })} />
      <ArgsEditor />
    </form>
  );
}
