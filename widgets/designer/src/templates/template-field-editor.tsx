/** @module Template field editor: how the wizard asks one chosen property (label, type, required, options, when). */
import { Select, TextArea, TextInput } from '@weft/ui-kit';
import type { WizardFieldType } from '@weft/api-client';
import { useT } from '../hooks/use-designer-services.ts';
import type { DraftField } from './template-draft.ts';

const TYPES: readonly WizardFieldType[] = ['text', 'number', 'select', 'multiselect', 'toggle', 'account'];

interface TemplateFieldEditorProps {
  field: DraftField;
  index: number;
  /** The other fields, for `when`. */
  others: readonly DraftField[];
  /** Problem sentences by draft path (`fields.<i>.label`…). */
  problems: Readonly<Record<string, string>>;
  onChange: (field: DraftField) => void;
}

export function TemplateFieldEditor({ field, index, others, problems, onChange }: TemplateFieldEditorProps) {
  const t = useT();
  const at = `fields.${index}`;
  const set = (patch: Partial<DraftField>) => onChange({ ...field, ...patch });
  const hasOptions = field.type === 'select' || field.type === 'multiselect';
  return (
    <fieldset className="wd-template-field" data-invalid={problems[at] !== undefined || undefined}>
      <legend>{t('designer.template.fieldFor', { id: field.id })}</legend>
      <TextInput label={t('designer.template.fieldLabel')} value={field.label} onChange={(label) => set({ label })} error={problems[`${at}.label`]} />
      <Select
        label={t('designer.template.fieldType')}
        value={field.type}
        options={TYPES.map((type) => ({ value: type, label: t(`designer.template.type.${type}`) }))}
        onChange={(type) => set({ type })}
      />
      <label className="wd-check">
        <input type="checkbox" checked={field.required} onChange={(event) => set({ required: event.target.checked })} />
        {t('designer.template.required')}
      </label>
      {hasOptions && (
        <TextArea
          label={t('designer.template.options')}
          placeholder={t('designer.template.optionsHint')}
          rows={3}
          value={field.options}
          onChange={(options) => set({ options })}
          error={problems[`${at}.options`]}
        />
      )}
      {others.length > 0 && (
        <div className="wd-template-field__when">
          <Select
            label={t('designer.template.when')}
            value={field.whenField}
            options={[{ value: '', label: t('designer.template.always') }, ...others.map((other) => ({ value: other.id, label: other.label || other.id }))]}
            onChange={(whenField) => set({ whenField })}
          />
          {field.whenField !== '' && (
            <TextInput label={t('designer.template.whenEquals')} value={field.whenValue} onChange={(whenValue) => set({ whenValue })} />
          )}
        </div>
      )}
      {problems[at] !== undefined && <p className="wd-error" role="alert">{problems[at]}</p>}
    </fieldset>
  );
}
