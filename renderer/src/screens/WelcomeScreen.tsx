import { useTranslation } from 'react-i18next';
import { supportedLanguages, type Language } from '../../../shared/domain/languages';
import { useKiosk } from '../app/kiosk-context';
import { useRouter } from '../app/router';
import { useSession } from '../session/session';
import { formatDateTime } from '../ui/format';
import { usePlace } from '../ui/use-place';

/** The start screen: choose a language (each named in itself), then one big Sign in button. */
export default function WelcomeScreen() {
  const place = usePlace();
  const { t, i18n } = useTranslation();
  const { info, client, setInfo } = useKiosk();
  const { navigate } = useRouter();
  const { endedBecause } = useSession();
  const provisioned = info !== null && info.deviceMode !== 'unprovisioned';
  const choose = (language: Language) => {
    void i18n.changeLanguage(language);
    client.call('app.setLanguage', { language }).then(setInfo, () => undefined);
  };
  return (
    <section className="screen screen--center" aria-labelledby="welcome-heading">
      <h1 id="welcome-heading">{t('welcome.heading')}</h1>
      {endedBecause && (
        <p className="notice" role="status" data-testid="ended-because">
          {t(`welcome.endedBecause.${endedBecause}`)}
        </p>
      )}
      {provisioned ? (
        <p className="lead">{t('welcome.intro')}</p>
      ) : (
        <p className="notice" role="status">
          {t('welcome.deviceNotReady')}
        </p>
      )}
      <h2 className="welcome__choose">{t('welcome.chooseLanguage')}</h2>
      <div className="welcome__languages" role="group" aria-label={t('frame.language.label')}>
        {supportedLanguages.map((language) => (
          <button
            key={language}
            type="button"
            lang={language}
            className="button button--large button--language"
            aria-pressed={i18n.language === language}
            onClick={() => choose(language)}
          >
            {t(`frame.language.${language}`)}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="button button--primary button--huge"
        disabled={!provisioned}
        onClick={() => navigate({ name: 'sign-in' })}
      >
        {t('welcome.signIn')}
      </button>
      <div className="button-row button-row--center">
        <button type="button" className="button" onClick={() => navigate({ name: 'settings' })}>
          {t('settings.heading')}
        </button>
      </div>
      {info && (
        <p className="muted">
          {info.lastContactAt === null
            ? t('welcome.neverContacted')
            : t('welcome.lastContact', { time: formatDateTime(info.lastContactAt, place) })}
        </p>
      )}
    </section>
  );
}
