import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../app/kiosk-context';
import { applyDocumentLanguage } from '../i18n';
import { Clock } from './Clock';
import { ConnectionBadge } from './ConnectionBadge';
import { LanguageSwitch } from './LanguageSwitch';

/** The kiosk frame around every screen: facility, clock, connection, language. */
export function Frame({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { info, connection } = useKiosk();

  // The language lives in core (it outlasts a reload); follow it when it changes there.
  useEffect(() => {
    if (info && info.language !== i18n.language) void i18n.changeLanguage(info.language);
  }, [info, i18n]);
  useEffect(() => {
    applyDocumentLanguage(i18n.language === 'es' ? 'es' : 'en');
    document.title = t('app.title');
  }, [i18n.language, t]);

  return (
    <div className="frame">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="frame__bar">
        <p className="frame__facility" data-testid="facility-name">
          {info?.facilityName ?? t('frame.facilityUnknown')}
        </p>
        <Clock offsetMs={info?.serverTimeOffsetMs ?? null} />
        <ConnectionBadge online={info?.online ?? false} connection={connection} />
        <LanguageSwitch />
      </header>
      <main id="main" className="frame__main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
