import { useTranslation } from 'react-i18next';
import type { OutgoingStatus } from '../../api/ports';

/** A sent message's state in words: queued offline → sent → in review → delivered / rejected. */
export function StatusBadge({ status }: { status: OutgoingStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--status badge--${status}`} data-status={status}>
      {t(`outbox.status.${status}`)}
    </span>
  );
}
