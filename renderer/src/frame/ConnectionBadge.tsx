import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../app/kiosk-context';

/** One place that says whether the kiosk can reach the facility, in words and not only colour. */
export function ConnectionBadge({ online, connection }: { online: boolean; connection: ConnectionState }) {
  const { t } = useTranslation();
  const state = connection === 'reconnecting' ? 'reconnecting' : online ? 'online' : 'offline';
  return (
    <p className={`frame__connection frame__connection--${state}`} role="status" data-state={state}>
      <span aria-hidden="true" className="frame__dot" />
      {t(`frame.connection.${state}`)}
    </p>
  );
}
