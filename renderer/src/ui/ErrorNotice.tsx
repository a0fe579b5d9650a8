import { useTranslation } from 'react-i18next';
import type { KioskError } from '../../../shared/kiosk-api/errors';

/** Says what went wrong in plain words, chosen by the error's code (never its English message). */
export function ErrorNotice({ error, onRetry }: { error: KioskError; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--error" role="alert">
      <p>{t(`errors.code.${error.code}`)}</p>
      {onRetry && error.code !== 'unknown_call' && (
        <button type="button" className="button" onClick={onRetry}>
          {t('common.tryAgain')}
        </button>
      )}
    </div>
  );
}
