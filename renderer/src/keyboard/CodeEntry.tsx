import type { SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from './TextField';

/** Staff codes are capital letters, digits and dashes (ABCD-EFGH); a hardware keyboard's lower case is raised. */
function normalizeCodeInput(raw: string, maxLength: number): string {
  return raw
    .toUpperCase()
    .replace(/[^A-Z0-9-]/g, '')
    .slice(0, maxLength);
}

/**
 * One staff-issued code to enter (a PIN reset code): the letters-and-digits keyboard
 * opens with the field, and the step's button stays in view above it.
 */
export function CodeEntry({
  label,
  hint,
  value,
  onChange,
  onSubmit,
  submitLabel,
  error,
  maxLength = 32,
}: {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  submitLabel: string;
  error?: string | null;
  maxLength?: number;
}) {
  const { t } = useTranslation();
  const ready = value.replace(/-/g, '').length > 0;
  const submit = (event?: SyntheticEvent) => {
    event?.preventDefault();
    if (ready) onSubmit();
  };
  return (
    <form className="stack code-entry" onSubmit={submit} noValidate>
      <TextField
        label={label}
        hint={hint}
        value={value}
        onChange={(next) => onChange(normalizeCodeInput(next, maxLength))}
        kind="code"
        error={error}
        onSubmit={() => submit()}
        autoFocus
      />
      <button type="submit" className="button button--primary button--large" disabled={!ready}>
        {submitLabel || t('common.next')}
      </button>
    </form>
  );
}
