import { facilityLocale } from '../../../shared/domain/locale';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, ApiError } from '../common/api';
import { errorText } from '../common/error-text';
import type { Answer } from '../common/api';

type DemoMail = Answer<'demo.mail'>['mail'][number];

/**
 * Demo only: the server's mail folder, so a reset link can be followed
 * without a mail server. The server offers it only in demo mode without SMTP.
 */
export function DemoMailbox() {
  const { t, i18n } = useTranslation();
  const [mail, setMail] = useState<DemoMail[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    call('demo.mail', { query: {} }).then(
      (r) => setMail(r.mail),
      (err: unknown) => setError(err instanceof ApiError && err.status === 404 ? t('demoMail.off') : errorText(err, t)),
    );
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once on open; the button reloads
  }, []);
  const when = new Intl.DateTimeFormat(facilityLocale(i18n.language), { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section aria-labelledby="demo-mail-title" className="card">
      <h1 id="demo-mail-title">{t('demoMail.title')}</h1>
      <p className="tag">{t('demoMail.explain')}</p>
      <div className="row">
        <button type="button" className="button" onClick={() => void load()}>
          {t('demoMail.refresh')}
        </button>
        <a className="button" href="#">
          {t('back')}
        </a>
      </div>
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
      {mail && mail.length === 0 && <p>{t('demoMail.empty')}</p>}
      {mail && mail.length > 0 && (
        <ul className="messages">
          {mail.map((m) => (
            <li key={m.id}>
              <h2 className="mail__subject">{m.subject}</h2>
              <p>
                {t('demoMail.to', { to: m.to })} ·{' '}
                <time dateTime={new Date(m.sentAt).toISOString()}>{when.format(m.sentAt)}</time>
              </p>
              <pre className="mail__text">{m.text}</pre>
              {m.link && (
                <a className="button button--primary" href={m.link}>
                  {t('demoMail.open')}
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
