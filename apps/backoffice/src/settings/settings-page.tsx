/** @module SettingsPage: retry defaults, sandbox limits and log settings; validated as typed, saved as a whole. */
import { useEffect, useState, type FormEvent } from 'react';
import { Button, ErrorState, Spinner, TextInput, Toolbar, useStrings } from '@weft/ui-kit';
import { useBackofficeStore } from '../store/backoffice-store.ts';
import { formFromSettings, SETTINGS_FIELDS, SETTINGS_GROUPS, validateSettingsForm, type SettingsField, type SettingsForm, type SettingsGroup } from './settings-form.ts';

export function SettingsPage() {
  const t = useStrings();
  const settings = useBackofficeStore((s) => s.settings);
  const loadSettings = useBackofficeStore((s) => s.loadSettings);

  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);

  return (
    <section className="bo-page" aria-labelledby="bo-settings-title">
      <Toolbar label={t('settings.title')}>
        <h1 id="bo-settings-title" className="bo-page__title">{t('settings.title')}</h1>
      </Toolbar>
      {settings.status === 'failed' ? <ErrorState error={settings.error} onRetry={() => void loadSettings()} /> : null}
      {settings.status === 'loading' || settings.status === 'idle' ? <Spinner /> : null}
      {/* Keyed by the saved values so a successful save resets the form to them. */}
      {settings.status === 'ready' ? <SettingsFormView key={JSON.stringify(settings.data)} initial={formFromSettings(settings.data)} /> : null}
    </section>
  );
}

function SettingsFormView({ initial }: { initial: SettingsForm }) {
  const t = useStrings();
  const saveSettings = useBackofficeStore((s) => s.saveSettings);
  const isSaving = useBackofficeStore((s) => s.isSavingSettings);
  const [form, setForm] = useState(initial);
  const [showProblems, setShowProblems] = useState(false);
  const validation = validateSettingsForm(form);
  const problems = validation.ok ? {} : validation.problems;
  const isChanged = SETTINGS_FIELDS.some((field) => form[field] !== initial[field]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShowProblems(true);
    if (validation.ok) void saveSettings(validation.settings);
  };

  const errorOf = (field: SettingsField): string | undefined => {
    const problem = problems[field];
    // A field shows its problem once touched, or after a save attempt.
    if (!problem || (!showProblems && form[field] === initial[field])) return undefined;
    return t(problem.key, problem.params);
  };

  return (
    <form className="bo-settings" onSubmit={submit} noValidate>
      {(Object.keys(SETTINGS_GROUPS) as SettingsGroup[]).map((group) => (
        <fieldset key={group} className="bo-card bo-settings__group">
          <legend>{t(`settings.${group}`)}</legend>
          {SETTINGS_GROUPS[group].map((name) => {
            const field = `${group}.${name}` as SettingsField;
            return (
              <TextInput
                key={field}
                label={t(`settings.${field}`)}
                inputMode="decimal"
                value={form[field]}
                error={errorOf(field)}
                onChange={(value) => setForm({ ...form, [field]: value })}
              />
            );
          })}
        </fieldset>
      ))}
      <div className="bo-row">
        <Button type="submit" variant="primary" disabled={isSaving || !isChanged}>{t('settings.save')}</Button>
        <Button disabled={!isChanged} onClick={() => { setForm(initial); setShowProblems(false); }}>{t('settings.reset')}</Button>
        {showProblems && !validation.ok ? <span className="bo-error" role="alert">{t('settings.invalid')}</span> : null}
      </div>
    </form>
  );
}
