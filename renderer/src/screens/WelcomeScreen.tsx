import { useTranslation } from 'react-i18next';
import { useKiosk } from '../app/kiosk-context';
import { formatDateTime } from '../ui/format';

/** The start screen: what this kiosk is for, and whether it is ready. */
export default function WelcomeScreen() {
  const { t, i18n } = useTranslation();
  const { info } = useKiosk();
  const provisioned = info !== null && info.deviceMode !== 'unprovisioned';
  return (
    <section className="screen screen--center" aria-labelledby="welcome-heading">
      <h1 id="welcome-heading">{t('welcome.heading')}</h1>
      {provisioned ? (
        <p className="lead">{t('welcome.intro')}</p>
      ) : (
        <p className="notice" role="status">
          {t('welcome.deviceNotReady')}
        </p>
      )}
      {info && (
        <p className="muted">
          {info.lastContactAt === null
            ? t('welcome.neverContacted')
            : t('welcome.lastContact', { time: formatDateTime(info.lastContactAt, i18n.language) })}
        </p>
      )}
    </section>
  );
}
