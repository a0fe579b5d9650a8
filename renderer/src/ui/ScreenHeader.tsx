import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouter } from '../app/router';

/** Every screen's top: a big Back button and the screen's one h1. */
export function ScreenHeader({ title, actions, back = true }: { title: string; actions?: ReactNode; back?: boolean }) {
  const { t } = useTranslation();
  const { back: goBack } = useRouter();
  return (
    <div className="screen-header">
      {back && (
        <button type="button" className="button button--back" onClick={goBack}>
          <span aria-hidden="true">← </span>
          {t('common.back')}
        </button>
      )}
      <h1 id="screen-title" className="screen-header__title">
        {title}
      </h1>
      {actions && <div className="screen-header__actions">{actions}</div>}
    </div>
  );
}
