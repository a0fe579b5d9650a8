import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../common/api';

/** The questions on the help page, in this order; their text is in the locales (`faq.<id>.q` / `.a`). */
const questions = ['contact', 'review', 'money', 'schedule', 'photos', 'video', 'password', 'everywhere'] as const;

/** Help for families: common questions and whom to contact. Open to everyone, signed in or not. */
export function Help() {
  const { t } = useTranslation();
  const [support, setSupport] = useState<{ email: string | null; facilities: string[] } | null>(null);
  useEffect(() => {
    call('family.support').then(setSupport, () => setSupport({ email: null, facilities: [] }));
  }, []);
  return (
    <div className="stack">
      <section aria-labelledby="help-title" className="card">
        <h1 id="help-title">{t('help.title')}</h1>
        <a className="button" href="#">
          {t('back')}
        </a>
        {questions.map((id) => (
          <div key={id} className="faq">
            <h2>{t(`faq.${id}.q`)}</h2>
            <p>{t(`faq.${id}.a`)}</p>
          </div>
        ))}
      </section>
      <section aria-labelledby="support-title" className="card">
        <h2 id="support-title">{t('help.contactTitle')}</h2>
        {support?.email ? (
          <p>
            {t('help.emailUs')}{' '}
            <a className="link" href={`mailto:${support.email}`}>
              {support.email}
            </a>
          </p>
        ) : (
          <p>{t('help.noEmail')}</p>
        )}
        {support && support.facilities.length > 0 && (
          <p>{t('help.facilities', { names: support.facilities.join(', ') })}</p>
        )}
        <p>{t('help.include')}</p>
      </section>
    </div>
  );
}
