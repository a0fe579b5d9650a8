import { useTranslation } from 'react-i18next';
import { supportedLanguages } from '../../../shared/domain/languages';
import { useChooseLanguage } from './use-choose-language';

/** Big, always-visible language buttons; each labelled in its own language so anyone finds theirs. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const choose = useChooseLanguage();
  return (
    <div className="frame__languages" role="group" aria-label={t('frame.language.label')}>
      {supportedLanguages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="button button--chip"
          aria-pressed={i18n.language === language}
          onClick={() => choose(language)}
        >
          {t(`frame.language.${language}`)}
        </button>
      ))}
    </div>
  );
}
