import { useTranslation } from 'react-i18next';

export interface Message {
  id: string;
  direction: 'in' | 'out';
  body: string;
  status: string;
  rejection_reason: string | null;
  created_at: number;
  first_name: string;
  last_name: string;
}

/** The family's messages both ways, with their review status. */
export function MessageList({ messages }: { messages: Message[] }) {
  const { t } = useTranslation();
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
              <p>{m.body}</p>
              {m.rejection_reason && <p>{m.rejection_reason}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
