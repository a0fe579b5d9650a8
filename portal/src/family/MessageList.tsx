import { useTranslation } from 'react-i18next';
import { TrailButton } from '../common/MessageTrailView';
import { call, routeUrl, type Answer } from '../common/api';

export type Message = Answer<'family.messages.list'>[number];

/** The family's messages both ways, with their review status. */
export function MessageList({ messages }: { messages: Message[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="messages-title" className="card">
      <h2 id="messages-title">{t('messages')}</h2>
      {messages.length === 0 ? (
        <p>{t('noMessages')}</p>
      ) : (
        <ul className="messages">
          {messages.map((m) => (
            <li key={m.id} data-direction={m.direction}>
              <strong>
                {m.direction === 'out'
                  ? t('fromInmate', { name: `${m.first_name} ${m.last_name}` })
                  : t('toInmate', { name: `${m.first_name} ${m.last_name}` })}
              </strong>{' '}
              <span className="tag">{t(`status.${m.status}`, { defaultValue: m.status })}</span>
              <p dir="auto" className="pre">
                {m.body}
              </p>
              {m.kind === 'videogram' &&
                (m.direction === 'in' || m.status === 'approved' || m.status === 'delivered') && (
                  // Streamed with Range from the server (only this family's own videograms).
                  <video
                    className="videogram-player"
                    controls
                    preload="metadata"
                    src={routeUrl('family.messages.video', { params: { id: m.id } })}
                    aria-label={t('video.watch', { name: `${m.first_name} ${m.last_name}` })}
                  />
                )}
              {m.rejection_reason && (
                <p dir="auto">
                  {m.reason_labels
                    ? i18n.language.startsWith('es')
                      ? m.reason_labels.es
                      : m.reason_labels.en
                    : m.rejection_reason}
                  {m.reason_note ? `: ${m.reason_note}` : ''}
                </p>
              )}
              <TrailButton load={() => call('family.messages.trail', { params: { id: m.id } })} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
