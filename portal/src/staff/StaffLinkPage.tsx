import { useEffect, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../common/api';
import { errorText } from '../common/error-text';
import { Field } from '../common/Field';

/**
 * `#staff-link?token=…`: an invitation (mailed by an admin) or a password
 * reset (printed on the server host): choose a password and a security question.
 */
export function StaffLinkPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const [link, setLink] = useState<{ purpose: 'invite' | 'reset'; email: string } | null>(null);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState({ password: '', securityQuestion: '', securityAnswer: '' });
  useEffect(() => {
    api<{ purpose: 'invite' | 'reset'; email: string }>('POST', '/api/staff/link', { token }).then(
      setLink,
      (err: unknown) => setError(errorText(err, t)),
    );
  }, [token]); // eslint-disable-line react-hooks/exhaustive-deps -- once per link
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setError(null);
    api('POST', '/api/staff/link/accept', { token, ...form }).then(
      () => setDone(true),
      (err: unknown) => setError(errorText(err, t)),
    );
  };
  const field = (key: keyof typeof form, type = 'text', autoComplete?: string) => (
    <Field
      label={t(`setup.admin.${key}`)}
      type={type}
      autoComplete={autoComplete}
      value={form[key]}
      onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      required
    />
  );
  return (
    <section aria-labelledby="staff-link-title" className="card stack">
      <h1 id="staff-link-title">{t(link?.purpose === 'reset' ? 'staffLink.resetTitle' : 'staffLink.inviteTitle')}</h1>
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
      {done ? (
        <p role="status">
          {t('staffLink.done')}{' '}
          <a className="link" href="#staff">
            {t('signIn')}
          </a>
        </p>
      ) : (
        link && (
          <form className="stack" onSubmit={submit}>
            <p>{t('staffLink.account', { email: link.email })}</p>
            {field('password', 'password', 'new-password')}
            {field('securityQuestion')}
            {field('securityAnswer')}
            <button type="submit" className="button button--primary">
              {t('staffLink.save')}
            </button>
          </form>
        )
      )}
    </section>
  );
}
