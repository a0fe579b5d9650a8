import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrailEvent } from '../../../../shared/domain/message-trail';
import { useServices } from '../../api/services-context';
import { formatDateTime } from '../../ui/format';
import { usePlace } from '../../ui/use-place';

/**
 * "Where is my message?" in a sent message's card: each moment (written,
 * sent by the kiosk, received, held for review, reviewed, delivered) with
 * its time. From the facility when it answers; offline, what the device knows.
 */
export function MessageTrail({ id }: { id: string }) {
  const place = usePlace();
  const { t } = useTranslation();
  const { compose } = useServices();
  const [open, setOpen] = useState(false);
  const [trail, setTrail] = useState<{ events: TrailEvent[]; fromServer: boolean } | null>(null);
  const [failed, setFailed] = useState(false);
  const toggle = () => {
    if (open) return setOpen(false);
    setOpen(true);
    setFailed(false);
    compose.trail(id).then(setTrail, () => setFailed(true));
  };
  return (
    <div>
      <button type="button" className="button" aria-expanded={open} onClick={toggle}>
        {t('outbox.trail.open')}
      </button>
      {open && failed && <p className="notice notice--error">{t('outbox.trail.failed')}</p>}
      {open && trail && (
        <>
          {!trail.fromServer && <p className="muted">{t('outbox.trail.offline')}</p>}
          <ol className="trail">
            {trail.events.map((event, index) => (
              <li key={index}>
                <span className="muted">{formatDateTime(event.at, place)}</span> {t(`outbox.trail.kind.${event.kind}`)}
                {event.kind === 'decided' && event.detail.decision
                  ? `: ${t(`outbox.trail.decision.${event.detail.decision}`)}`
                  : ''}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
