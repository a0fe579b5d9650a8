import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../app/kiosk-context';
import { useRouter } from '../app/router';
import { TechnicianGate } from '../technician/gate';
import { applyDocumentLanguage } from '../i18n';
import { keyboardSlotAttribute } from '../keyboard/slot';
import { Clock } from './Clock';
import { ConnectionBadge } from './ConnectionBadge';
import { LanguageSwitch } from './LanguageSwitch';

/** The kiosk frame around every screen: facility, clock, connection, language. */
export function Frame({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { info, connection } = useKiosk();
  const { navigate } = useRouter();
  const gate = useRef(new TechnicianGate());
  const pressedAt = useRef(0);
  const provisioned = info !== null && info.deviceMode !== 'unprovisioned';

  // The technician gate: a deliberate gesture on the facility name, or a chord on a service keyboard.
  useEffect(() => {
    if (!provisioned) return;
    const onKey = (event: KeyboardEvent) => {
      if (gate.current.key(event, performance.now())) navigate({ name: 'technician-sign-in' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [provisioned, navigate]);

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
        <p
          className="frame__facility"
          data-testid="facility-name"
          onPointerDown={() => (pressedAt.current = performance.now())}
          onPointerUp={() => {
            if (provisioned && gate.current.press(pressedAt.current, performance.now())) {
              navigate({ name: 'technician-sign-in' });
            }
          }}
        >
          {info?.facilityName ?? t('frame.facilityUnknown')}
        </p>
        <Clock offsetMs={info?.serverTimeOffsetMs ?? null} />
        <ConnectionBadge online={info?.online ?? false} connection={connection} />
        <LanguageSwitch />
      </header>
      <main id="main" className="frame__main" tabIndex={-1}>
        {children}
      </main>
      <div className="frame__keyboard" {...{ [keyboardSlotAttribute]: '' }} />
    </div>
  );
}
