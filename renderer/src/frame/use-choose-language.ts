import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain/languages';
import { useKiosk } from '../app/kiosk-context';

/**
 * Switches the screen's language now and tells core (it outlasts a reload, and the frame follows
 * core's language on every app.info). Used by the language buttons and by sign-in: the signed-in
 * person's own language wins over the one the welcome screen was left in.
 */
export function useChooseLanguage(): (language: Language) => void {
  const { i18n } = useTranslation();
  const { client, setInfo } = useKiosk();
  return useCallback(
    (language: Language) => {
      if (i18n.language !== language) void i18n.changeLanguage(language);
      client.call('app.setLanguage', { language }).then(setInfo, () => undefined);
    },
    [i18n, client, setInfo],
  );
}
