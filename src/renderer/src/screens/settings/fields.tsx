/**
 * The pieces the settings forms share: a labelled text field, the API key field that never shows a saved key,
 * and the alert saying why a form was not saved.
 */
import type { ReactNode } from 'react';

/** A labelled input with an optional unit after it, its error and a hint; ids hang off `name`. */
export function TextField({
  name,
  label,
  value,
  error,
  hint,
  onChange,
  suffix,
  inputMode = 'decimal',
  placeholder,
}: {
  name: string;
  label: string;
  value: string;
  error?: string;
  hint?: ReactNode;
  onChange: (value: string) => void;
  suffix?: string;
  inputMode?: 'decimal' | 'numeric' | 'text' | 'url';
  placeholder?: string;
}) {
  const describedBy = [error && `${name}-error`, hint && `${name}-hint`].filter(Boolean).join(' ') || undefined;
  return (
    <label className="settings-field">
      <span>{label}</span>
      <span className="settings-input-row">
        <input
          className={inputMode === 'decimal' || inputMode === 'numeric' ? 'input settings-number' : 'input'}
          inputMode={inputMode}
          value={value}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        {suffix && <span className="muted">{suffix}</span>}
      </span>
      {error && (
        <span id={`${name}-error`} className="settings-field-error">
          {error}
        </span>
      )}
      {hint && (
        <span id={`${name}-hint`} className="muted small">
          {hint}
        </span>
      )}
    </label>
  );
}

/**
 * An API key field. The engine never sends a saved key back, only that there is one: then a badge says so and
 * an empty field keeps it.
 */
export function SavedKeyField({
  id,
  label,
  value,
  error,
  saved,
  hint,
  savedHint,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  error?: string;
  saved: boolean;
  /** Shown while no key is saved. */
  hint: string;
  /** Shown once a key is saved. */
  savedHint: string;
  onChange: (v: string) => void;
}) {
  return (
    <div className="settings-field">
      <label htmlFor={id}>
        {label}
        {/* The hint below says the same to screen readers, without making it part of the field's name. */}
        {saved && (
          <span className="badge badge-success badge-inline" aria-hidden="true">
            A key is saved
          </span>
        )}
      </label>
      <input
        id={id}
        className="input"
        type="password"
        value={value}
        placeholder={saved ? 'Leave empty to keep the saved key' : ''}
        aria-invalid={error ? true : undefined}
        aria-describedby={[error && `${id}-error`, `${id}-hint`].filter(Boolean).join(' ')}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <span id={`${id}-error`} className="settings-field-error">
          {error}
        </span>
      )}
      <span id={`${id}-hint`} className="muted small">
        {saved ? savedHint : hint}
      </span>
    </div>
  );
}

/** Why the form was not saved: `title` in bold, then the engine's message. */
export function FormFailure({ title, message }: { title: string; message: string }) {
  return (
    <div className="form-error" role="alert">
      <p>
        <strong>{title}</strong>
      </p>
      <p className="small">{message}</p>
    </div>
  );
}
