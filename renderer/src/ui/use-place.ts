import { useTranslation } from 'react-i18next';
import { useDeviceInfo } from '../app/kiosk-context';
import type { Place } from './format';

/** The reader's language and the facility's time zone, for the format functions (ui/format.ts). */
export function usePlace(): Place {
  const { i18n } = useTranslation();
  const { timeZone } = useDeviceInfo();
  return { language: i18n.language, timeZone };
}
