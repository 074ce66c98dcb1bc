import { describe, expect, it } from 'vitest';
import { formFromSettings, validateSettingsForm, type SettingsForm } from './settings-form.ts';

const settings = {
  retry: { baseMs: 1000, maxMs: 60_000, maxAttempts: 5 },
  sandbox: { timeoutMs: 500, memoryBytes: 32 * 1024 * 1024, maxOutputBytes: 1024 * 1024 },
  logs: { payloadLimitBytes: 16_384, retentionDays: 14 },
};

const form = (changes: Partial<SettingsForm> = {}): SettingsForm => ({ ...formFromSettings(settings), ...changes });

describe('the settings form', () => {
  it('gives back the same settings when nothing was changed', () => {
    expect(validateSettingsForm(form())).toEqual({ ok: true, settings });
  });

  it('accepts digits grouped with spaces or underscores', () => {
    const result = validateSettingsForm(form({ 'sandbox.memoryBytes': '33 554 432', 'retry.maxMs': '60_000' }));
    expect(result.ok && result.settings.sandbox.memoryBytes).toBe(33_554_432);
  });

  it('asks for a number in an empty or wordy field', () => {
    expect(validateSettingsForm(form({ 'retry.baseMs': '', 'logs.retentionDays': 'two weeks' }))).toEqual({
      ok: false,
      problems: { 'retry.baseMs': { key: 'settings.error.number' }, 'logs.retentionDays': { key: 'settings.error.number' } },
    });
  });

  it('asks for a whole number of attempts', () => {
    const result = validateSettingsForm(form({ 'retry.maxAttempts': '2.5' }));
    expect(result.ok ? undefined : result.problems['retry.maxAttempts']?.key).toBe('settings.error.integer');
  });

  it('names the limits a value breaks', () => {
    const result = validateSettingsForm(form({ 'sandbox.timeoutMs': '0', 'retry.maxAttempts': '1000' }));
    expect(result.ok ? undefined : result.problems).toEqual({
      'sandbox.timeoutMs': { key: 'settings.error.min', params: { min: 1 } },
      'retry.maxAttempts': { key: 'settings.error.max', params: { max: 100 } },
    });
  });

  it('refuses a longest delay shorter than the first one', () => {
    const result = validateSettingsForm(form({ 'retry.baseMs': '5000', 'retry.maxMs': '1000' }));
    expect(result.ok ? undefined : result.problems).toEqual({ 'retry.maxMs': { key: 'settings.error.maxBelowBase' } });
  });

  it('says so even while another field is wrong too', () => {
    const result = validateSettingsForm(form({ 'retry.maxMs': '10', 'retry.maxAttempts': '2.5' }));
    expect(result.ok ? undefined : result.problems).toEqual({
      'retry.maxMs': { key: 'settings.error.maxBelowBase' },
      'retry.maxAttempts': { key: 'settings.error.integer' },
    });
  });
});
