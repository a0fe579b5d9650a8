import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../common/api';
import { errorText } from '../common/error-text';
import { Field } from '../common/Field';

const PASSWORD_ERRORS = new Set(['weak_password', 'wrong_credentials']);

/** Sign in or sign up; on a new browser, the security question first. */
export function SignIn({ onSignedIn, initialNotice }: { onSignedIn: () => void; initialNotice: string | null }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'in' | 'up'>('in');
  const [form, setForm] = useState({
    email: '',
    password: '',
    displayName: '',
    securityQuestion: '',
    securityAnswer: '',
  });
  const [challenge, setChallenge] = useState<{ question: string; challengeId: string } | null>(null);
  const [answer, setAnswer] = useState('');
  const [signedUp, setSignedUp] = useState(false);
  const notice = signedUp ? t('checkEmail') : initialNotice;
  // Errors about the password go under the password field; any other next to the button that was pressed.
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const run = async (work: () => Promise<void>) => {
    setPasswordError(null);
    setFormError(null);
    try {
      await work();
    } catch (error) {
      if (error instanceof ApiError && PASSWORD_ERRORS.has(error.code)) setPasswordError(errorText(error, t));
      else setFormError(errorText(error, t));
    }
  };
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    void run(async () => {
      if (challenge) {
        await call('family.signin.answer', { body: { challengeId: challenge.challengeId, answer } });
        onSignedIn();
        return;
      }
      if (mode === 'up') {
        // The same answer for every address: the account is usable once the mailed link is followed.
        await call('family.signup', { body: form });
        setSignedUp(true);
        setMode('in');
        return;
      }
      const result = await call('family.signin', { body: { email: form.email, password: form.password } });
      if (result.status === 'security-question')
        setChallenge({ question: result.question ?? '', challengeId: result.challengeId ?? '' });
      else onSignedIn();
    });
  };

  return (
    <section aria-labelledby="signin-title" className="card">
      <h1 id="signin-title">{mode === 'up' ? t('signUp') : t('signIn')}</h1>
      {notice && <p role="status">{notice}</p>}
      <form onSubmit={submit} className="stack">
        {challenge ? (
          <>
            <p>{t('newBrowser')}</p>
            <Field label={challenge.question} value={answer} onChange={(e) => setAnswer(e.target.value)} autoFocus />
          </>
        ) : (
          <>
            <Field
              label={t('email')}
              type="email"
              autoComplete="email"
              value={form.email}
              onChange={set('email')}
              required
            />
            <Field
              label={t('password')}
              type="password"
              autoComplete={mode === 'up' ? 'new-password' : 'current-password'}
              // The rule before typing, not after a failure.
              {...(mode === 'up' ? { hint: t('passwordHint'), minLength: 10 } : {})}
              value={form.password}
              onChange={set('password')}
              error={passwordError}
              required
            />
            {mode === 'up' && (
              <>
                <Field label={t('displayName')} value={form.displayName} onChange={set('displayName')} required />
                <Field
                  label={t('question')}
                  value={form.securityQuestion}
                  onChange={set('securityQuestion')}
                  required
                />
                <Field label={t('answer')} value={form.securityAnswer} onChange={set('securityAnswer')} required />
              </>
            )}
          </>
        )}
        <button type="submit" className="button button--primary">
          {mode === 'up' && !challenge ? t('signUp') : t('signIn')}
        </button>
        {formError && (
          <p role="alert" className="notice notice--error">
            {formError}
          </p>
        )}
      </form>
      {!challenge && (
        <div className="row">
          <button type="button" className="button" onClick={() => setMode(mode === 'up' ? 'in' : 'up')}>
            {mode === 'up' ? t('haveAccount') : t('newAccount')}
          </button>
          <a className="button" href="#forgot">
            {t('forgot')}
          </a>
        </div>
      )}
    </section>
  );
}
