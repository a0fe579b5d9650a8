import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultLanguage, supportedLanguages, type Language } from '../../../shared/domain/languages';
import en from './locales/en.json';
import es from './locales/es.json';

const resources = { en: { translation: en }, es: { translation: es } } as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: (typeof resources)['en'];
  }
}

/** Both languages are bundled: they are small, and a kiosk may be offline when someone switches. */
export function initI18n(language: Language = defaultLanguage) {
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: defaultLanguage,
    supportedLngs: [...supportedLanguages],
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  return i18next;
}

export function applyDocumentLanguage(language: Language): void {
  document.documentElement.lang = language;
}
