import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KioskError } from '../../../shared/kiosk-api/errors';
import { useServices } from '../api/services-context';
import { useRouter } from '../app/router';
import { KeypadEntry } from '../keyboard/KeypadEntry';
import { ScreenHeader } from '../ui/ScreenHeader';
import { minPinLength, NewPinSteps } from './signin/NewPinSteps';
import { signInErrorMessage } from './signin/sign-in-error';
import { useNewPinFlow } from './signin/use-new-pin-flow';

/** The steps before the new PIN is sent ('done' comes from useNewPinFlow). */
type Step = 'current' | 'new';

/**
 * Change PIN (signed in): the current PIN, then the new one twice, all on the
 * big keypad. Core checks the current PIN (wrong tries count toward the
 * lockout), stores the new one at once so offline sign-ins use it, and
 * queues it for the server.
 */
export default function ChangePinScreen() {
  const { t } = useTranslation();
  const { auth } = useServices();
  const { back } = useRouter();
  const { step, go, error, busy, send } = useNewPinFlow<Step>('current');
  const [current, setCurrent] = useState('');

  const submit = (pin: string) =>
    send(auth.changePin(current, pin), (e) => {
      const problem = KioskError.from(e);
      const left = problem.detail?.attemptsLeft;
      // A wrong current PIN: start over from it (the new PIN is kept out of sight, typed again later).
      setCurrent('');
      return {
        back: 'current',
        error:
          problem.code === 'unauthorized'
            ? typeof left === 'number'
              ? t('changePin.wrongCurrentWithAttempts', { count: left })
              : t('changePin.wrongCurrent')
            : signInErrorMessage(problem, t),
      };
    });

  return (
    <section className="screen screen--narrow" aria-labelledby="screen-title">
      <ScreenHeader title={t('changePin.heading')} />
      {step !== 'done' && <p className="lead">{t('changePin.intro')}</p>}
      {step === 'current' && (
        <KeypadEntry
          key="current"
          label={t('changePin.currentLabel')}
          value={current}
          onChange={setCurrent}
          secret
          maxLength={8}
          error={error}
          submitLabel={t('common.next')}
          onSubmit={() => go('new')}
        />
      )}
      {step === 'new' && (
        <NewPinSteps
          labels={{
            newPin: t('changePin.newLabel', { count: minPinLength }),
            confirm: t('changePin.confirmLabel'),
            submit: t('changePin.submit'),
            tooShort: t('changePin.tooShort', { count: minPinLength }),
            mismatch: t('changePin.mismatch'),
          }}
          busy={busy}
          refuse={(pin) => (pin === current ? t('changePin.same') : null)}
          onConfirmed={submit}
        />
      )}
      {step === 'done' && (
        <div className="stack">
          <p className="notice notice--ok" role="status" data-testid="pin-changed">
            {t('changePin.done')}
          </p>
          <button type="button" className="button button--primary button--large" onClick={back}>
            {t('changePin.backToSettings')}
          </button>
        </div>
      )}
    </section>
  );
}
