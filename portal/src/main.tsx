import i18next from 'i18next';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next, useTranslation } from 'react-i18next';
import en from './locales/en.json';
import es from './locales/es.json';
import { FamilyApp } from './family/FamilyApp';
import { StaffApp } from './staff/StaffApp';
import './styles.css';

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, es: { translation: es } },
  lng: navigator.language.startsWith('es') ? 'es' : 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

function Shell() {
  const { t, i18n } = useTranslation();
  // The console, and the one-time staff links (first setup, invitations, resets) that open its pages.
  const isStaff = () => location.hash === '#staff' || /^#(staff\/|setup\?|staff-link\?)/.test(location.hash);
  const [area, setArea] = useState(isStaff() ? 'staff' : 'family');
  useEffect(() => {
    const onHash = () => setArea(isStaff() ? 'staff' : 'family');
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = area === 'staff' ? t('staffTitle') : t('title');
  }, [area, i18n.language, t]);
  return (
    <>
      <header className="bar">
        <p className="bar__title">{area === 'staff' ? t('staffTitle') : t('title')}</p>
        <div role="group" aria-label={t('language')} className="row">
          {(['en', 'es'] as const).map((lng) => (
            <button
              key={lng}
              type="button"
              className="button"
              aria-pressed={i18n.language === lng}
              onClick={() => void i18n.changeLanguage(lng)}
            >
              {lng === 'en' ? 'English' : 'Español'}
            </button>
          ))}
        </div>
      </header>
      <main className="main">{area === 'staff' ? <StaffApp /> : <FamilyApp />}</main>
    </>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18next}>
        <Shell />
      </I18nextProvider>
    </StrictMode>,
  );
}
