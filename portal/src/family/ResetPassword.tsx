import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, ApiError } from '../common/api';
import { Field } from '../common/Field';
import { errorText } from '../common/error-text';

const PASSWORD_MIN = 10;

/**
 * The page a reset mail links to (`#reset?token=…`): the password rules, the
 * new password twice, a clear message when the link was used or has
 * expired, and sign-in once it is changed.
 */
export function ResetPassword({ token, onDone }: { token: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [expired, setExpired] = useState(token.length < 20);
  const [busy, setBusy] = useState(false);

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    setError(null);
    if (password.length < PASSWORD_MIN) return setError(t('reset.tooShort', { min: PASSWORD_MIN }));
    if (password !== again) return setError(t('reset.mismatch'));
    setBusy(true);
    call('family.password.reset', { body: { token, newPassword: password } }).then(
      () => onDone(),
      (err: unknown) => {
        setBusy(false);
        if (err instanceof ApiError && err.code === 'link_expired') setExpired(true);
        else if (err instanceof ApiError && err.code === 'weak_password') setError(t('reset.weak'));
        else setError(errorText(err, t));
      },
    );
  };

  return (
    <section aria-labelledby="reset-title" className="card">
      <h1 id="reset-title">{t('reset.title')}</h1>
      {expired ? (
        <div className="stack">
          <p role="alert" className="notice notice--error">
            {t('reset.expired')}
          </p>
          <a className="button" href="#forgot">
            {t('reset.askAgain')}
          </a>
        </div>
      ) : (
        <form className="stack" onSubmit={submit} noValidate>
          <div id="password-rules">
            <p>{t('reset.rulesTitle')}</p>
            <ul>
              <li>{t('reset.ruleLength', { min: PASSWORD_MIN })}</li>
              <li>{t('reset.ruleCommon')}</li>
              <li>{t('reset.ruleEverywhere')}</li>
            </ul>
          </div>
          <Field
            label={t('reset.newPassword')}
            type="password"
            autoComplete="new-password"
            aria-describedby="password-rules"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            autoFocus
          />
          <Field
            label={t('reset.again')}
            type="password"
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.target.value)}
            required
          />
          {error && (
            <p role="alert" className="notice notice--error">
              {error}
            </p>
          )}
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('reset.save')}
          </button>
        </form>
      )}
    </section>
  );
}

/** "Forgot password?" (`#forgot`): the email to send a reset link to; the answer never says whether it has an account. */
export function ForgotPassword() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-labelledby="forgot-title" className="card">
      <h1 id="forgot-title">{t('forgotTitle')}</h1>
      <p>{t('forgotExplain')}</p>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          call('family.password.forgot', { body: { email } }).then(
            () => setSent(true),
            (err: unknown) => setError(errorText(err, t)),
          );
        }}
      >
        <Field
          label={t('email')}
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
        />
        <button type="submit" className="button button--primary">
          {t('sendLink')}
        </button>
        {sent && <p role="status">{t('resetSent')}</p>}
        {error && (
          <p role="alert" className="notice notice--error">
            {error}
          </p>
        )}
      </form>
      <a className="button" href="#">
        {t('backToSignIn')}
      </a>
    </section>
  );
}
