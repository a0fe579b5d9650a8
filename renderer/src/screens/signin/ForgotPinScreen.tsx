import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServices } from '../../api/services-context';
import { useRouter } from '../../app/router';
import { CodeEntry } from '../../keyboard/CodeEntry';
import { KeypadEntry } from '../../keyboard/KeypadEntry';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { minPinLength, NewPinSteps } from './NewPinSteps';
import { signInErrorMessage } from './sign-in-error';
import { useNewPinFlow } from './use-new-pin-flow';

/** The steps before the new PIN is sent ('done' comes from useNewPinFlow). */
type Step = 'doc' | 'code' | 'pin';

/** "Forgot PIN": staff give a one-time reset code; with it the inmate sets a new PIN here, twice to be sure. */
export default function ForgotPinScreen() {
  const { t } = useTranslation();
  const { auth } = useServices();
  const { reset } = useRouter();
  const { step, go, error, busy, send } = useNewPinFlow<Step>('doc');
  const [doc, setDoc] = useState('');
  const [code, setCode] = useState('');

  const submit = (pin: string) =>
    send(auth.resetPin(doc, code, pin), (e) => {
      setCode('');
      return { back: 'code', error: signInErrorMessage(e, t) };
    });

  return (
    <section className="screen screen--narrow" aria-labelledby="screen-title">
      <ScreenHeader title={t('forgotPin.heading')} />
      {step !== 'done' && <p className="lead">{t('forgotPin.intro')}</p>}
      {step === 'doc' && (
        <KeypadEntry
          key="doc"
          label={t('signIn.docLabel')}
          value={doc}
          onChange={setDoc}
          submitLabel={t('common.next')}
          onSubmit={() => go('code')}
        />
      )}
      {step === 'code' && (
        <CodeEntry
          key="code"
          label={t('forgotPin.codeLabel')}
          hint={t('forgotPin.codeHint')}
          value={code}
          onChange={setCode}
          error={error}
          submitLabel={t('common.next')}
          onSubmit={() => go('pin')}
        />
      )}
      {step === 'pin' && (
        <NewPinSteps
          labels={{
            newPin: t('forgotPin.newPinLabel', { count: minPinLength }),
            confirm: t('forgotPin.confirmLabel'),
            submit: t('forgotPin.submit'),
            tooShort: t('forgotPin.tooShort', { count: minPinLength }),
            mismatch: t('forgotPin.mismatch'),
          }}
          busy={busy}
          onConfirmed={submit}
        />
      )}
      {step === 'done' && (
        <div className="stack">
          <p className="notice notice--ok" role="status">
            {t('forgotPin.done')}
          </p>
          <button
            type="button"
            className="button button--primary button--large"
            onClick={() => reset({ name: 'sign-in' })}
          >
            {t('signIn.heading')}
          </button>
        </div>
      )}
    </section>
  );
}
