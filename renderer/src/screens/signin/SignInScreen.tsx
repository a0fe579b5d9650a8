import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignInResult } from '../../api/ports';
import { useServices } from '../../api/services-context';
import { useRouter } from '../../app/router';
import { KeypadEntry } from '../../keyboard/KeypadEntry';
import { TextField } from '../../keyboard/TextField';
import { useSession } from '../../session/session';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { signInErrorMessage } from './sign-in-error';

type Step = { name: 'doc' } | { name: 'pin' } | { name: 'question'; question: string; challengeId: string };

/** Sign-in, one thing per step: DOC number, then PIN, then the security question if core asks for it. */
export default function SignInScreen() {
  const { t } = useTranslation();
  const { auth } = useServices();
  const { begin } = useSession();
  const { navigate } = useRouter();
  const [step, setStep] = useState<Step>({ name: 'doc' });
  const [doc, setDoc] = useState('');
  const [pin, setPin] = useState('');
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const handle = (result: SignInResult) => {
    if (result.kind === 'signed-in') begin(result.inmate, result.idleTimeoutMs);
    else {
      setAnswer('');
      setStep({ name: 'question', question: result.question, challengeId: result.challengeId });
    }
  };

  const run = (action: () => Promise<SignInResult>, onFail?: () => void) => {
    setBusy(true);
    setError(null);
    action()
      .then(handle, (e: unknown) => {
        setError(signInErrorMessage(e, t));
        onFail?.();
      })
      .finally(() => setBusy(false));
  };

  return (
    <section className="screen screen--narrow" aria-labelledby="screen-title">
      <ScreenHeader title={t('signIn.heading')} />
      <p className="muted" aria-live="polite">
        {t('signIn.step', {
          step: step.name === 'doc' ? 1 : step.name === 'pin' ? 2 : 3,
          total: step.name === 'question' ? 3 : 2,
        })}
      </p>
      {step.name === 'doc' && (
        <KeypadEntry
          key="doc"
          label={t('signIn.docLabel')}
          value={doc}
          onChange={setDoc}
          submitLabel={t('common.next')}
          error={error}
          onSubmit={() => {
            setError(null);
            setStep({ name: 'pin' });
          }}
        />
      )}
      {step.name === 'pin' && (
        <>
          <KeypadEntry
            key="pin"
            label={t('signIn.pinLabel')}
            value={pin}
            onChange={setPin}
            secret
            maxLength={8}
            submitLabel={t('signIn.submit')}
            error={error}
            busy={busy}
            onSubmit={() =>
              run(
                () => auth.signIn(doc, pin),
                () => setPin(''),
              )
            }
          />
          <div className="button-row">
            <button type="button" className="button" onClick={() => setStep({ name: 'doc' })}>
              {t('signIn.changeDoc')}
            </button>
            <button type="button" className="button" onClick={() => navigate({ name: 'forgot-pin' })}>
              {t('signIn.forgot')}
            </button>
          </div>
        </>
      )}
      {step.name === 'question' && (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            if (answer.trim()) run(() => auth.answerSecurityQuestion(step.challengeId, answer.trim()));
          }}
        >
          <p className="lead">{t('signIn.questionIntro')}</p>
          <TextField label={step.question} value={answer} onChange={setAnswer} error={error} autoFocus />
          <button type="submit" className="button button--primary button--large" disabled={busy || !answer.trim()}>
            {t('signIn.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
