import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../api/ports';
import { useServices } from '../../api/services-context';
import { useLoad } from '../../api/use-load';
import { useRouter } from '../../app/router';
import { formatDateTime } from '../../ui/format';
import { LoadView } from '../../ui/LoadView';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { VideoPlayer } from '../videogram/VideoPlayer';
import { ECardView } from './ECardView';
import { PhotoViewer } from './PhotoViewer';
import { UserText } from '../../ui/UserText';
import { usePlace } from '../../ui/use-place';

/** One message: the card, the text (always as text), photos, the videogram, and the two ways to reply. */
export default function MessageScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const { inbox } = useServices();
  const [load, reload] = useLoad<Message>(() => inbox.get(id), [inbox, id]);

  useEffect(() => {
    if (load.state === 'ready' && load.value.unread) void inbox.markRead(id).catch(() => undefined);
  }, [load, inbox, id]);

  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenHeader
        title={load.state === 'ready' ? t('message.from', { name: load.value.from }) : t('message.heading')}
      />
      <LoadView load={load} onRetry={reload}>
        {(message) => <MessageBody message={message} />}
      </LoadView>
    </section>
  );
}

function MessageBody({ message }: { message: Message }) {
  const place = usePlace();
  const { t } = useTranslation();
  const { navigate } = useRouter();
  const [viewing, setViewing] = useState<number | null>(null);
  return (
    <article className="message">
      <p className="muted">{formatDateTime(message.receivedAt, place)}</p>
      {message.ecard && <ECardView card={message.ecard} />}
      {message.videogram && (
        <VideoPlayer
          src={message.videogram.url}
          captionsUrl={message.videogram.captionsUrl}
          label={t('message.videogramFrom', { name: message.from })}
        />
      )}
      {/* Text stays text: React escapes it, and line breaks are kept by CSS, never by HTML. */}
      {message.body && <UserText className="message__body" text={message.body} />}
      {message.photos.length > 0 && (
        <ul className="photo-grid" aria-label={t('photos.listLabel', { count: message.photos.length })}>
          {message.photos.map((photo, index) => (
            <li key={photo.id}>
              <button type="button" className="photo-grid__item" onClick={() => setViewing(index)}>
                <img
                  src={photo.url}
                  alt={photo.alt || t('photos.photoN', { n: index + 1, total: message.photos.length })}
                  loading="lazy"
                />
                <span className="visually-hidden">{t('photos.open')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button button--primary button--large"
          onClick={() => navigate({ name: 'compose', replyTo: message.id })}
        >
          {t('message.reply')}
        </button>
        <button
          type="button"
          className="button button--large"
          onClick={() => navigate({ name: 'record', replyTo: message.id })}
        >
          {t('message.replyVideo')}
        </button>
      </div>
      {viewing !== null && <PhotoViewer photos={message.photos} start={viewing} onClose={() => setViewing(null)} />}
    </article>
  );
}
