import { useCallback, useEffect, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../common/api';
import { errorText } from '../common/error-text';
import { AdminTools } from './AdminTools';
import { Field } from '../common/Field';
import { ReviewQueue, type QueueItem } from './ReviewQueue';
import { TicketsPanel } from './TicketsPanel';

export type StaffRole = 'reviewer' | 'admin' | 'technician';

interface PendingContact {
  id: string;
  display_name: string;
  first_name: string;
  last_name: string;
  doc_number: string;
}

/**
 * The staff console. What it shows follows the role (the server refuses the
 * rest anyway): reviewers and admins review messages and contacts, every
 * role answers support tickets, admins and technicians get the facility tools.
 */
export function StaffApp() {
  const { t } = useTranslation();
  // undefined while asking the server whether this browser is already signed in (a reload keeps the session).
  const [role, setRole] = useState<StaffRole | null | undefined>(undefined);
  const [form, setForm] = useState({ email: '', password: '' });
  const [queue, setQueue] = useState<QueueItem[]>([]);
  const [contacts, setContacts] = useState<PendingContact[]>([]);
  const [error, setError] = useState<string | null>(null);
  const reviews = role === 'reviewer' || role === 'admin';

  const run = useCallback(
    async (work: () => Promise<void>) => {
      setError(null);
      try {
        await work();
      } catch (e) {
        setError(errorText(e, t));
      }
    },
    [t],
  );
  const load = useCallback(async () => {
    setQueue(await api<QueueItem[]>('GET', '/api/staff/review'));
    setContacts(await api<PendingContact[]>('GET', '/api/staff/contacts/pending'));
  }, []);

  useEffect(() => {
    api<{ role: StaffRole }>('GET', '/api/staff/me').then(
      (me) => setRole(me.role),
      () => setRole(null),
    );
  }, []);

  useEffect(() => {
    if (!reviews) return;
    const initial = setTimeout(() => void run(load), 0);
    return () => clearTimeout(initial);
  }, [reviews, load, run]);

  if (role === undefined) return null;

  if (!role) {
    const submit = (e: SyntheticEvent) => {
      e.preventDefault();
      void run(async () => {
        const signedIn = await api<{ role: StaffRole }>('POST', '/api/staff/signin', form);
        setRole(signedIn.role);
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
      <div className="console-head">
        <h1 className="console-title">{t('staff.signedInAs', { role: t(`staff.roles.${role}`) })}</h1>
        <button
          type="button"
          className="button"
          onClick={() =>
            void run(async () => {
              await api('POST', '/api/staff/signout', {});
              // Nothing of this session stays on screen for the next person at this workstation.
              setQueue([]);
              setContacts([]);
              setForm({ email: '', password: '' });
              setRole(null);
            })
          }
        >
          {t('signOut')}
        </button>
      </div>
      {reviews && (
        <section aria-labelledby="pending-contacts" className="card">
          <h2 id="pending-contacts">{t('pendingContacts')}</h2>
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
      )}
      {reviews && (
        <section aria-labelledby="queue-title" className="card">
          <h2 id="queue-title">{t('reviewQueue')}</h2>
          <p className="tag">{t('shortcuts')}</p>
          <ReviewQueue queue={queue} run={run} reload={load} />
        </section>
      )}
      <TicketsPanel />
      {role !== 'reviewer' && <AdminTools role={role} />}
    </div>
  );
}
