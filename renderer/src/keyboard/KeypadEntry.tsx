import { useId, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Keypad } from './Keypad';

/**
 * One number to enter on the big keypad (DOC number, PIN, reset code), with a
 * display that also takes a hardware keyboard. PINs show dots, never digits.
 */
export function KeypadEntry({
  label,
  value,
  onChange,
  onSubmit,
  secret = false,
  maxLength = 12,
  submitLabel,
  error,
  busy = false,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  secret?: boolean;
  maxLength?: number;
  submitLabel: string;
  error?: string | null;
  busy?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (value.length > 0 && !busy) onSubmit();
  };
  return (
    <form className="keypad-entry" onSubmit={submit} noValidate>
      <label htmlFor={id} className="field__label keypad-entry__label">
        {label}
      </label>
      <input
        id={id}
        className="keypad-entry__display"
        type={secret ? 'password' : 'text'}
        inputMode="none"
        autoComplete="off"
        value={value}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value.replace(/\D/g, '').slice(0, maxLength))}
        autoFocus
      />
      {error && (
        <p id={`${id}-error`} className="field__error" role="alert">
          {error}
        </p>
      )}
      <Keypad
        label={t('keypad.label')}
        onDigit={(digit) => value.length < maxLength && onChange(value + digit)}
        onBackspace={() => onChange(value.slice(0, -1))}
        onClear={() => onChange('')}
      />
      <button type="submit" className="button button--primary button--large" disabled={value.length === 0 || busy}>
        {busy ? t('app.loading') : submitLabel}
      </button>
    </form>
  );
}
