import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KeypadEntry } from '../../keyboard/KeypadEntry';

/** The shortest PIN anyone may choose. */
export const minPinLength = 4;
const maxPinLength = 8;

export interface NewPinLabels {
  /** The first keypad's label ("New PIN, at least 4 digits"). */
  newPin: string;
  /** The second keypad's label ("Type it again"). */
  confirm: string;
  /** The second keypad's button. */
  submit: string;
  /** Said when the new PIN is shorter than `minPinLength`. */
  tooShort: string;
  /** Said when the second PIN differs from the first. */
  mismatch: string;
}

/**
 * "A new PIN, then again to confirm" on the big keypad, shared by Change PIN
 * and Forgot PIN. A PIN that is too short stays to be finished; one `refuse`
 * turns down is cleared with its reason; a confirmation that differs is
 * cleared to be typed again. Only a confirmed PIN reaches `onConfirmed`. The
 * screen unmounts it to start over (which forgets both PINs).
 */
export function NewPinSteps({
  labels,
  busy,
  refuse,
  onConfirmed,
}: {
  labels: NewPinLabels;
  busy: boolean;
  /** A further rule for the new PIN, checked after its length: the reason it is refused, or null. */
  refuse?: (pin: string) => string | null;
  onConfirmed: (pin: string) => void;
}) {
  const { t } = useTranslation();
  const [step, setStep] = useState<'new' | 'confirm'>('new');
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);

  const chooseNew = () => {
    if (pin.length < minPinLength) {
      setError(labels.tooShort);
      return;
    }
    const refused = refuse?.(pin) ?? null;
    if (refused !== null) {
      setError(refused);
      setPin('');
      return;
    }
    setError(null);
    setStep('confirm');
  };

  const submit = () => {
    if (confirm !== pin) {
      setError(labels.mismatch);
      setConfirm('');
      return;
    }
    onConfirmed(pin);
  };

  return step === 'new' ? (
    <KeypadEntry
      key="new"
      label={labels.newPin}
      value={pin}
      onChange={setPin}
      secret
      maxLength={maxPinLength}
      error={error}
      submitLabel={t('common.next')}
      onSubmit={chooseNew}
    />
  ) : (
    <KeypadEntry
      key="confirm"
      label={labels.confirm}
      value={confirm}
      onChange={setConfirm}
      secret
      maxLength={maxPinLength}
      error={error}
      busy={busy}
      submitLabel={labels.submit}
      onSubmit={submit}
    />
  );
}
