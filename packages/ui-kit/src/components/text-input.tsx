/** @module TextInput, TextArea and Select: labelled form controls; errors are tied to the control with aria-describedby. */
import { useId, type ReactNode, type InputHTMLAttributes, type Ref, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldProps {
  label: string;
  /** Keep the label for screen readers only (e.g. a search box with a placeholder). */
  hideLabel?: boolean;
  error?: string | undefined;
}

function Field({ id, label, hideLabel, error, errorId, children }: FieldProps & { id: string; errorId: string; children: ReactNode }) {
  return (
    <div className="weft-field">
      <label htmlFor={id} className={hideLabel ? 'weft-visually-hidden' : 'weft-field__label'}>{label}</label>
      {children}
      {error ? <span id={errorId} className="weft-field__error" role="alert">{error}</span> : null}
    </div>
  );
}

export interface TextInputProps extends FieldProps, Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> {
  onChange?: (value: string) => void;
  ref?: Ref<HTMLInputElement>;
}

export function TextInput({ label, hideLabel = false, error, onChange, id, className, ...rest }: TextInputProps) {
  const ownId = useId();
  const inputId = id ?? ownId;
  const errorId = `${inputId}-error`;
  return (
    <Field id={inputId} label={label} hideLabel={hideLabel} error={error} errorId={errorId}>
      <input
        {...rest}
        id={inputId}
        className={className ? `weft-input ${className}` : 'weft-input'}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => onChange?.(event.target.value)}
      />
    </Field>
  );
}

export interface TextAreaProps extends FieldProps, Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange'> {
  onChange?: (value: string) => void;
}

export function TextArea({ label, hideLabel = false, error, onChange, id, className, ...rest }: TextAreaProps) {
  const ownId = useId();
  const inputId = id ?? ownId;
  const errorId = `${inputId}-error`;
  return (
    <Field id={inputId} label={label} hideLabel={hideLabel} error={error} errorId={errorId}>
      <textarea
        {...rest}
        id={inputId}
        className={className ? `weft-textarea ${className}` : 'weft-textarea'}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => onChange?.(event.target.value)}
      />
    </Field>
  );
}

export interface SelectOption<V extends string = string> {
  value: V;
  label: string;
}

export interface SelectProps<V extends string = string> extends FieldProps, Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> {
  value: V;
  options: readonly SelectOption<V>[];
  onChange: (value: V) => void;
}

export function Select<V extends string = string>({ label, hideLabel = false, error, options, value, onChange, id, className, ...rest }: SelectProps<V>) {
  const ownId = useId();
  const selectId = id ?? ownId;
  return (
    <Field id={selectId} label={label} hideLabel={hideLabel} error={error} errorId={`${selectId}-error`}>
      <select
        {...rest}
        id={selectId}
        value={value}
        className={className ? `weft-select ${className}` : 'weft-select'}
        onChange={(event) => {
          const chosen = options.find((option) => option.value === event.target.value);
          if (chosen) onChange(chosen.value);
        }}
      >
        {options.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
      </select>
    </Field>
  );
}
