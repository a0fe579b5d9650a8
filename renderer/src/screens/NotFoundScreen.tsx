import { useTranslation } from 'react-i18next';
import { useRouter } from '../app/router';

export default function NotFoundScreen() {
  const { t } = useTranslation();
  const { navigate } = useRouter();
  return (
    <section className="screen screen--center" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">{t('notFound.heading')}</h1>
      <button type="button" className="button button--primary" onClick={() => navigate({ name: 'welcome' })}>
        {t('notFound.back')}
      </button>
    </section>
  );
}
