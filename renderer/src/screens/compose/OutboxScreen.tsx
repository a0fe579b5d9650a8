import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draft, OutgoingMessage } from '../../api/ports';
import { useServices } from '../../api/services-context';
import { useLoad } from '../../api/use-load';
import { useRouter } from '../../app/router';
import { formatDateTime } from '../../ui/format';
import { LoadView } from '../../ui/LoadView';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { refusalText } from './refusal-text';
import { MessageTrail } from './MessageTrail';
import { StatusBadge } from './StatusBadge';
import { UserText } from '../../ui/UserText';
import { usePlace } from '../../ui/use-place';

/** What the inmate sent, each with its status (and a rejection's reason), and the drafts to finish. */
export default function OutboxScreen() {
  const place = usePlace();
  const { t } = useTranslation();
  const { compose } = useServices();
  const { navigate } = useRouter();
  const [sent, reloadSent] = useLoad<OutgoingMessage[]>(() => compose.outgoing(), [compose]);
  const [drafts, reloadDrafts] = useLoad<Draft[]>(() => compose.drafts(), [compose]);
  useEffect(() => compose.onStatus(reloadSent), [compose, reloadSent]);

  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenHeader title={t('outbox.heading')} />
      <h2>{t('outbox.drafts')}</h2>
      <LoadView load={drafts} onRetry={reloadDrafts}>
        {(list) =>
          list.length === 0 ? (
            <p className="empty">{t('outbox.noDrafts')}</p>
          ) : (
            <ul className="cards">
              {list.map((draft) => (
                <li key={draft.id} className="card">
                  <p className="card__title">{t('outbox.to', { name: draft.to })}</p>
                  <UserText className="clamp" text={draft.body} />
                  <div className="button-row">
                    <button
                      type="button"
                      className="button button--primary"
                      onClick={() =>
                        navigate(
                          draft.replyTo === null && draft.contactId !== null
                            ? { name: 'new-message', contactId: draft.contactId }
                            : { name: 'compose', replyTo: draft.replyTo ?? '', draftId: draft.id },
                        )
                      }
                    >
                      {t('outbox.continue')}
                    </button>
                    <button
                      type="button"
                      className="button"
                      onClick={() => void compose.deleteDraft(draft.id).then(reloadDrafts, reloadDrafts)}
                    >
                      {t('outbox.deleteDraft')}
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </LoadView>
      <h2>{t('outbox.sent')}</h2>
      <LoadView load={sent} onRetry={reloadSent}>
        {(list) =>
          list.length === 0 ? (
            <p className="empty">{t('outbox.nothingSent')}</p>
          ) : (
            <ul className="cards" data-testid="outbox-list">
              {list.map((message) => (
                <li key={message.id} className="card">
                  <p className="card__title">
                    {t('outbox.to', { name: message.to })} <StatusBadge status={message.status} />
                  </p>
                  <p className="muted">{formatDateTime(message.createdAt, place)}</p>
                  <UserText
                    className="clamp"
                    text={message.kind === 'videogram' ? t('outbox.videogram') : message.body}
                  />
                  {message.status === 'rejected' && (message.rejectionReason || message.refusal) && (
                    <p className="notice notice--error">
                      {t('outbox.rejectedBecause', {
                        reason: message.rejectionReason ?? refusalText(message.refusal ?? 'unknown', t),
                      })}
                    </p>
                  )}
                  {message.stampRefunded && <p className="muted">{t('outbox.stampRefunded')}</p>}
                  <MessageTrail id={message.id} />
                </li>
              ))}
            </ul>
          )
        }
      </LoadView>
    </section>
  );
}
