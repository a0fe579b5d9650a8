import { useCallback, useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from './api';
import { AdminTools } from './AdminTools';
import { Field } from './Field';

interface QueueItem {
  id: string;
  direction: 'in' | 'out';
  kind: string;
  body: string;
  contact_name: string;
  first_name: string;
  last_name: string;
  doc_number: string;
}
interface PendingContact {
  id: string;
  display_name: string;
  first_name: string;
  last_name: string;
  doc_number: string;
}

/** Review queues and contact approvals, keyboard-fast (a approves, r rejects the first item). */
export function StaffApp() {
  const { t } = useTranslation();
  const [signedIn, setSignedIn] = useState(false);
  const [form, setForm] = useState({ email: '', password: '' });
  const [queue, setQueue] = useState<QueueItem[]>([]);
  const [contacts, setContacts] = useState<PendingContact[]>([]);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  // The first waiting item, for the keyboard shortcuts (kept in a ref so the key listener is stable).
  const first = useRef<QueueItem | undefined>(undefined);
  useEffect(() => {
    first.current = queue[0];
  }, [queue]);

  const run = useCallback(async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }, []);
  const load = useCallback(async () => {
    setQueue(await api<QueueItem[]>('GET', '/api/staff/review'));
    setContacts(await api<PendingContact[]>('GET', '/api/staff/contacts/pending'));
  }, []);
  const decide = useCallback(
    (id: string, decision: 'approve' | 'reject') =>
      run(async () => {
        await api(
          'POST',
          `/api/staff/review/${id}`,
          decision === 'approve' ? { decision } : { decision, reason: reason || 'Not allowed by facility rules' },
        );
        setReason('');
        await load();
      }),
    [load, reason, run],
  );

  useEffect(() => {
    if (!signedIn) return;
    const initial = setTimeout(() => void run(load), 0);
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
      const item = first.current;
      if (!item) return;
      if (event.key === 'a') void decide(item.id, 'approve');
      if (event.key === 'r') void decide(item.id, 'reject');
    };
    window.addEventListener('keydown', onKey);
    return () => {
      clearTimeout(initial);
      window.removeEventListener('keydown', onKey);
    };
  }, [signedIn, load, run, decide]);

  if (!signedIn) {
    const submit = (e: SyntheticEvent) => {
      e.preventDefault();
      void run(async () => {
        await api('POST', '/api/staff/signin', form);
        setSignedIn(true);
      });
    };
    return (
      <section aria-labelledby="staff-signin" className="card">
        <h1 id="staff-signin">{t('signIn')}</h1>
        {error && (
          <p role="alert" className="notice notice--error">
            {error}
          </p>
        )}
        <form onSubmit={submit} className="stack">
          <Field
            label={t('email')}
            type="email"
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
            required
          />
          <Field
            label={t('password')}
            type="password"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
            required
          />
          <button type="submit" className="button button--primary">
            {t('signIn')}
          </button>
        </form>
      </section>
    );
  }

  return (
    <div className="stack">
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
      <section aria-labelledby="pending-contacts" className="card">
        <h1 id="pending-contacts">{t('pendingContacts')}</h1>
        <ul>
          {contacts.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="button"
                onClick={() =>
                  void run(async () => {
                    await api('POST', `/api/staff/contacts/${c.id}`, { approve: true });
                    await load();
                  })
                }
              >
                {t('approveContact', {
                  name: c.display_name,
                  inmate: `${c.first_name} ${c.last_name} (${c.doc_number})`,
                })}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="queue-title" className="card">
        <h2 id="queue-title">{t('reviewQueue')}</h2>
        <p className="tag">{t('shortcuts')}</p>
        <Field label={t('reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
        {queue.length === 0 ? (
          <p>{t('emptyQueue')}</p>
        ) : (
          <ul className="messages">
            {queue.map((m) => (
              <li key={m.id} data-message={m.id}>
                <strong>
                  {m.direction === 'in'
                    ? `${m.contact_name} → ${m.first_name} ${m.last_name}`
                    : `${m.first_name} ${m.last_name} → ${m.contact_name}`}
                </strong>
                <p>{m.body || m.kind}</p>
                <div className="row">
                  <button type="button" className="button button--primary" onClick={() => void decide(m.id, 'approve')}>
                    {t('approve')}
                  </button>
                  <button type="button" className="button" onClick={() => void decide(m.id, 'reject')}>
                    {t('reject')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <AdminTools />
    </div>
  );
}
