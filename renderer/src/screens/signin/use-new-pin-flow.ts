import { useState } from 'react';

/** Where a refused new PIN sends the inmate back to, and what to tell them there. */
export interface PinRefusal<Step extends string> {
  readonly error: string;
  readonly back: Step;
}

/**
 * The steps of a keypad flow that ends by sending a new PIN (Change PIN,
 * Forgot PIN): moving on clears the last error; sending shows busy, ends at
 * 'done' when core accepts, and when it refuses goes back to the step the
 * caller names with the message it gives.
 */
export function useNewPinFlow<Step extends string>(first: Step) {
  const [step, setStep] = useState<Step | 'done'>(first);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const go = (next: Step | 'done') => {
    setError(null);
    setStep(next);
  };

  const send = (work: Promise<unknown>, refused: (e: unknown) => PinRefusal<Step>) => {
    setBusy(true);
    work
      .then(
        () => go('done'),
        (e: unknown) => {
          const refusal = refused(e);
          setError(refusal.error);
          setStep(refusal.back);
        },
      )
      .finally(() => setBusy(false));
  };

  return { step, go, error, busy, send };
}
