import { useTranslation } from 'react-i18next';

export function ScreenError({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="screen screen--center" aria-labelledby="error-heading">
      <h1 id="error-heading">{t('errors.heading')}</h1>
      <p>{t('errors.body')}</p>
      <button type="button" className="button button--primary" onClick={onRetry}>
        {t('errors.retry')}
      </button>
    </section>
  );
}
