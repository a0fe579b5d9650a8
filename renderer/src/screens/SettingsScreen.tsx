import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newClientId } from '../api/client-id';
import { supportedLanguages, type Language } from '../../../shared/domain/languages';
import { useKiosk } from '../app/kiosk-context';
import { useRouter } from '../app/router';
import { useSession } from '../session/session';
import { textScales, useSettings } from '../settings/settings';
import { ScreenHeader } from '../ui/ScreenHeader';

/** Language, text size and high contrast: each a row of big toggle buttons that show their effect at once. */
export default function SettingsScreen() {
  const { t, i18n } = useTranslation();
  const { client, setInfo } = useKiosk();
  const { textScale, setTextScale, highContrast, setHighContrast } = useSettings();
  const { inmate } = useSession();
  const { navigate } = useRouter();
  const [exportAsked, setExportAsked] = useState<'no' | 'asked' | 'failed'>('no');
  // One id for this screen's request: a tap repeated after a failure asks once.
  const [exportClientId] = useState(newClientId);
  const askForExport = () => {
    client.call('account.requestExport', { clientId: exportClientId }).then(
      () => setExportAsked('asked'),
      () => setExportAsked('failed'),
    );
  };
  const choose = (language: Language) => {
    void i18n.changeLanguage(language);
    client.call('app.setLanguage', { language }).then(setInfo, () => undefined);
  };
  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenHeader title={t('settings.heading')} />
      <fieldset className="setting">
        <legend>{t('settings.language')}</legend>
        <div className="button-row">
          {supportedLanguages.map((language) => (
            <button
              key={language}
              type="button"
              lang={language}
              className="button button--toggle"
              aria-pressed={i18n.language === language}
              onClick={() => choose(language)}
            >
              {t(`frame.language.${language}`)}
            </button>
          ))}
        </div>
      </fieldset>
      <fieldset className="setting">
        <legend>{t('settings.textSize')}</legend>
        <div className="button-row">
          {textScales.map((scale) => (
            <button
              key={scale}
              type="button"
              className="button button--toggle"
              aria-pressed={textScale === scale}
              onClick={() => setTextScale(scale)}
            >
              {t('settings.percent', { value: Math.round(scale * 100) })}
            </button>
          ))}
        </div>
        <p className="muted">{t('settings.textSample')}</p>
      </fieldset>
      <fieldset className="setting">
        <legend>{t('settings.contrast')}</legend>
        <div className="button-row">
          <button
            type="button"
            className="button button--toggle"
            aria-pressed={!highContrast}
            onClick={() => setHighContrast(false)}
          >
            {t('settings.contrastNormal')}
          </button>
          <button
            type="button"
            className="button button--toggle"
            aria-pressed={highContrast}
            onClick={() => setHighContrast(true)}
          >
            {t('settings.contrastHigh')}
          </button>
        </div>
      </fieldset>
      {inmate && (
        <fieldset className="setting">
          <legend>{t('settings.pin')}</legend>
          <div className="button-row">
            <button type="button" className="button" onClick={() => navigate({ name: 'change-pin' })}>
              {t('settings.changePin')}
            </button>
          </div>
        </fieldset>
      )}
      {inmate && (
        <fieldset className="setting">
          <legend>{t('settings.myData')}</legend>
          <p className="muted">{t('settings.myDataHelp')}</p>
          <div className="button-row">
            <button type="button" className="button" disabled={exportAsked === 'asked'} onClick={askForExport}>
              {t('settings.askForMyData')}
            </button>
          </div>
          <p role="status">
            {exportAsked === 'asked' && t('settings.myDataAsked')}
            {exportAsked === 'failed' && t('settings.myDataFailed')}
          </p>
        </fieldset>
      )}
    </section>
  );
}
