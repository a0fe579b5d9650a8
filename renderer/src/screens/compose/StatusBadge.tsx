import { useTranslation } from 'react-i18next';
import type { OutgoingStatus } from '../../api/ports';
import { useDeviceInfo } from '../../app/kiosk-context';

/** A sent message's state in words: queued offline → sent → in review → delivered / rejected. */
export function StatusBadge({ status }: { status: OutgoingStatus }) {
  const { t } = useTranslation();
  const { online } = useDeviceInfo();
  // Queued while online is being sent right now; only offline does it wait for the network.
  const words = status === 'queued' && online ? t('outbox.status.sending') : t(`outbox.status.${status}`);
  return (
    <span className={`badge badge--status badge--${status}`} data-status={status}>
      {words}
    </span>
  );
}
