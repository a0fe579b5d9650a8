import { facilityLocale } from '../../../shared/domain/locale';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../common/api';
import { Labelled } from '../common/Field';
import { errorText } from '../common/error-text';
import type { Answer } from '../common/api';

type Ticket = Answer<'staff.tickets'>[number];

const fetchTickets = () => call('staff.tickets');

/** Inmates' support tickets: read the thread, answer (the reply reaches the inmate's device), or close. */
export function TicketsPanel() {
  const { t } = useTranslation();
  const [tickets, setTickets] = useState<Ticket[]>([]);
  const [error, setError] = useState<string | null>(null);
  const failed = useCallback((e: unknown) => setError(errorText(e, t)), [t]);
  useEffect(() => {
    fetchTickets().then(setTickets, failed);
  }, [failed]);
  const act = (work: () => Promise<unknown>) => {
    setError(null);
    work().then(fetchTickets).then(setTickets, failed);
  };
  return (
    <section aria-labelledby="tickets-title" className="card">
      <h2 id="tickets-title">{t('tickets.title')}</h2>
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
      {tickets.length === 0 ? (
        <p>{t('tickets.none')}</p>
      ) : (
        <ul className="messages">
          {tickets.map((ticket) => (
            <TicketItem key={ticket.id} ticket={ticket} act={act} />
          ))}
        </ul>
      )}
    </section>
  );
}

function TicketItem({ ticket, act }: { ticket: Ticket; act: (work: () => Promise<unknown>) => void }) {
  const { t, i18n } = useTranslation();
  const [reply, setReply] = useState('');
  const who = `${ticket.first_name} ${ticket.last_name} (${ticket.doc_number})`;
  return (
    <li data-ticket={ticket.id}>
      <h3>{ticket.subject}</h3>
      <p className="tag">
        {who} · {t(`tickets.status.${ticket.status}`)}
      </p>
      <ol className="thread">
        {ticket.replies.map((r) => (
          <li key={`${r.at}-${r.from}`}>
            <strong>{r.from === 'staff' ? t('tickets.staff') : who}</strong> ·{' '}
            {new Date(r.at).toLocaleString(facilityLocale(i18n.language))}
            <p className="pre">{r.body}</p>
          </li>
        ))}
      </ol>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          act(async () => {
            await call('staff.tickets.reply', { params: { id: ticket.id }, body: { body: reply, close: false } });
            setReply('');
          });
        }}
      >
        <Labelled label={t('tickets.reply', { subject: ticket.subject })}>
          {(id) => (
            <textarea id={id} value={reply} maxLength={5000} required onChange={(e) => setReply(e.target.value)} />
          )}
        </Labelled>
        <div className="row">
          <button type="submit" className="button button--primary" disabled={!reply.trim()}>
            {t('tickets.send')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => act(() => call('staff.tickets.close', { params: { id: ticket.id }, body: {} }))}
          >
            {t('tickets.close')}
          </button>
        </div>
      </form>
    </li>
  );
}
