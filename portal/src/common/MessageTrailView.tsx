import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageTrail } from '../../../shared/domain/message-trail';
import { ApiError } from './api';
import { errorText } from './error-text';

/** A message's moments, oldest first, in the reader's language (codes from the server, words here). */
export function TrailList({ trail }: { trail: MessageTrail }) {
  const { t, i18n } = useTranslation();
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <ol className="trail">
      {trail.events.map((event, index) => (
        <li key={index}>
          <time dateTime={new Date(event.at).toISOString()}>{time.format(event.at)}</time>{' '}
          <span>
            {t(`trail.kind.${event.kind}`, {
              by: event.detail.by ? t(`trail.by.${event.detail.by}`) : '',
              to: event.detail.to ? t(`trail.to.${event.detail.to}`) : '',
              decision: event.detail.decision ? t(`trail.decision.${event.detail.decision}`) : '',
            })}
          </span>
          {event.detail.reasonCode && <span className="tag">{event.detail.reasonCode}</span>}
          {event.detail.terms && <span> ({event.detail.terms.join(', ')})</span>}
          {event.actor && <span> · {t('trail.actor', { name: event.actor })}</span>}
        </li>
      ))}
      {trail.events.length === 0 && <li>{t('trail.empty')}</li>}
    </ol>
  );
}

/** "Where is it?": opens the trail of one message under it (family portal: their own messages only). */
export function TrailButton({ load }: { load: () => Promise<MessageTrail> }) {
  const { t } = useTranslation();
  const [trail, setTrail] = useState<MessageTrail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const toggle = () => {
    if (open) return setOpen(false);
    setOpen(true);
    setError(null);
    load().then(setTrail, (e: unknown) =>
      setError(e instanceof ApiError ? t(`trail.error.${e.code}`, { defaultValue: errorText(e, t) }) : errorText(e, t)),
    );
  };
  return (
    <div>
      <button type="button" className="button" aria-expanded={open} onClick={toggle}>
        {t('trail.whereIsIt')}
      </button>
      {open && trail && <TrailList trail={trail} />}
      {open && error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
    </div>
  );
}
