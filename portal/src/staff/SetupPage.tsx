import { useEffect, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../common/api';
import { errorText } from '../common/error-text';
import { Field, Labelled } from '../common/Field';
import type { StaffRole } from './StaffApp';

const zones = Intl.supportedValuesOf('timeZone');
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * `#setup?token=…`: the link the server printed at its first start. Creates
 * the facility and its first admin, who is signed in at once.
 */
export function SetupPage({ token, onDone }: { token: string; onDone: (role: StaffRole) => void }) {
  const { t } = useTranslation();
  const [usable, setUsable] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [facility, setFacility] = useState({
    name: '',
    timeZone: zones.includes(browserZone) ? browserZone : 'America/Chicago',
    locale: 'en',
    currency: 'USD',
  });
  const [admin, setAdmin] = useState({
    email: '',
    displayName: '',
    password: '',
    securityQuestion: '',
    securityAnswer: '',
  });
  useEffect(() => {
    api('POST', '/api/setup/link', { token }).then(
      () => setUsable(true),
      (err: unknown) => {
        setUsable(false);
        setError(errorText(err, t));
      },
    );
  }, [token]); // eslint-disable-line react-hooks/exhaustive-deps -- once per link
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setError(null);
    api<{ role: StaffRole }>('POST', '/api/setup', { token, facility, admin }).then(
      (done) => {
        location.hash = '#staff/settings';
        onDone(done.role);
      },
      (err: unknown) => setError(errorText(err, t)),
    );
  };
  const adminField = (key: keyof typeof admin, type = 'text', autoComplete?: string) => (
    <Field
      label={t(`setup.admin.${key}`)}
      type={type}
      value={admin[key]}
      autoComplete={autoComplete}
      onChange={(e) => setAdmin({ ...admin, [key]: e.target.value })}
      required
    />
  );
  return (
    <section aria-labelledby="setup-title" className="card stack">
      <h1 id="setup-title">{t('setup.title')}</h1>
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
      {usable && (
        <form className="stack" onSubmit={submit}>
          <p>{t('setup.explain')}</p>
          <h2>{t('setup.facility')}</h2>
          <Field
            label={t('facility.name')}
            value={facility.name}
            onChange={(e) => setFacility({ ...facility, name: e.target.value })}
            required
          />
          <Labelled label={t('facility.timeZone')}>
            {(id) => (
              <select
                id={id}
                value={facility.timeZone}
                onChange={(e) => setFacility({ ...facility, timeZone: e.target.value })}
              >
                {zones.map((zone) => (
                  <option key={zone}>{zone}</option>
                ))}
              </select>
            )}
          </Labelled>
          <Labelled label={t('facility.locale')}>
            {(id) => (
              <select
                id={id}
                value={facility.locale}
                onChange={(e) => setFacility({ ...facility, locale: e.target.value })}
              >
                <option value="en">English</option>
                <option value="es">Español</option>
              </select>
            )}
          </Labelled>
          <Field
            label={t('facility.currency')}
            value={facility.currency}
            maxLength={3}
            onChange={(e) => setFacility({ ...facility, currency: e.target.value.toUpperCase() })}
            required
          />
          <h2>{t('setup.firstAdmin')}</h2>
          {adminField('email', 'email', 'username')}
          {adminField('displayName')}
          {adminField('password', 'password', 'new-password')}
          {adminField('securityQuestion')}
          {adminField('securityAnswer')}
          <button type="submit" className="button button--primary">
            {t('setup.create')}
          </button>
        </form>
      )}
    </section>
  );
}
