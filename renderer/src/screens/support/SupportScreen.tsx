import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KioskError } from '../../../../shared/kiosk-api/errors';
import { newClientId } from '../../api/client-id';
import type { Ticket } from '../../api/ports';
import { useServices } from '../../api/services-context';
import { useLoad } from '../../api/use-load';
import { TextField } from '../../keyboard/TextField';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime } from '../../ui/format';
import { LoadView } from '../../ui/LoadView';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { UserText } from '../../ui/UserText';
import { usePlace } from '../../ui/use-place';

const faqKeys = ['pin', 'messages', 'money', 'videogram', 'offline'] as const;

/** Help: the common questions first (they need no network), then the inmate's tickets and a form for a new one. */
export default function SupportScreen() {
  const { t } = useTranslation();
  const { support } = useServices();
  const [tickets, reload] = useLoad<Ticket[]>(() => support.tickets(), [support]);
  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenHeader title={t('support.heading')} />
      <h2>{t('support.faq')}</h2>
      <div className="faq">
        {faqKeys.map((key) => (
          <details key={key} className="faq__item">
            <summary>{t(`support.q.${key}`)}</summary>
            <p>{t(`support.a.${key}`)}</p>
          </details>
        ))}
      </div>
      <h2>{t('support.newTicket')}</h2>
      <NewTicket onCreated={reload} />
      <h2>{t('support.tickets')}</h2>
      <LoadView load={tickets} onRetry={reload}>
        {(list) =>
          list.length === 0 ? (
            <p className="empty">{t('support.noTickets')}</p>
          ) : (
            <ul className="cards">
              {list.map((ticket) => (
                <TicketCard key={ticket.id} ticket={ticket} onChanged={reload} />
              ))}
            </ul>
          )
        }
      </LoadView>
    </section>
  );
}

function NewTicket({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const { support } = useServices();
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [clientId, setClientId] = useState(newClientId);
  const [error, setError] = useState<KioskError | null>(null);
  const [done, setDone] = useState(false);
  const submit = () => {
    if (!subject.trim() || !body.trim()) return;
    setError(null);
    support.open({ clientId, subject: subject.trim(), body: body.trim() }).then(
      () => {
        setSubject('');
        setBody('');
        setClientId(newClientId());
        setDone(true);
        onCreated();
      },
      (e: unknown) => setError(KioskError.from(e)),
    );
  };
  return (
    <form
      className="stack"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <TextField
        label={t('support.subject')}
        value={subject}
        onChange={(v) => {
          setSubject(v);
          setDone(false);
        }}
        maxLength={120}
      />
      <TextField label={t('support.body')} value={body} onChange={setBody} multiline maxLength={2000} />
      {error && <ErrorNotice error={error} onRetry={submit} />}
      {done && (
        <p className="notice notice--ok" role="status">
          {t('support.sent')}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={!subject.trim() || !body.trim()}>
        {t('support.send')}
      </button>
    </form>
  );
}

function TicketCard({ ticket, onChanged }: { ticket: Ticket; onChanged: () => void }) {
  const place = usePlace();
  const { t } = useTranslation();
  const { support } = useServices();
  const [reply, setReply] = useState('');
  const [clientId, setClientId] = useState(newClientId);
  const send = () => {
    if (!reply.trim()) return;
    void support.reply({ clientId, ticketId: ticket.id, body: reply.trim() }).then(
      () => {
        setReply('');
        setClientId(newClientId());
        onChanged();
      },
      () => undefined,
    );
  };
  return (
    <li className="card">
      <h3 className="card__title">
        {ticket.subject} <span className="badge">{t(`support.status.${ticket.status}`)}</span>
      </h3>
      <ul className="thread">
        {ticket.replies.map((r, i) => (
          <li key={i} className={`thread__item thread__item--${r.from}`}>
            <p className="muted">
              {r.from === 'staff' ? t('support.staff') : t('support.you')} · {formatDateTime(r.at, place)}
            </p>
            <UserText className="pre" text={r.body} />
          </li>
        ))}
      </ul>
      {ticket.status !== 'closed' && (
        <div className="stack">
          <TextField label={t('support.reply')} value={reply} onChange={setReply} maxLength={2000} onSubmit={send} />
          <button type="button" className="button" onClick={send} disabled={!reply.trim()}>
            {t('support.send')}
          </button>
        </div>
      )}
    </li>
  );
}
