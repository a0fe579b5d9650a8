import { useTranslation } from 'react-i18next';
import type { OutgoingMessage } from '../../api/ports';
import { useDeviceInfo } from '../../app/kiosk-context';
import { StatusBadge } from './StatusBadge';

/**
 * What happened to what was just sent, in words: queued while offline says it waits for the network;
 * queued while online is on its way (core sends it at once); otherwise its state as core gave it.
 */
export function SentNotice({ message }: { message: OutgoingMessage }) {
  const { t } = useTranslation();
  const { online } = useDeviceInfo();
  const text = message.status !== 'queued' ? t('compose.sent') : online ? t('compose.onItsWay') : t('compose.queued');
  return (
    <p className="notice notice--ok" role="status">
      {text} <StatusBadge status={message.status} />
    </p>
  );
}
