import { useEffect, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call, type Answer } from '../common/api';
import { errorText } from '../common/error-text';
import { AdminTools } from './AdminTools';
import { ContentPage } from './ContentPage';
import { Field } from '../common/Field';
import { PendingContacts } from './PendingContacts';
import { ReviewQueue } from './ReviewQueue';
import { RosterPage } from './RosterPage';
import { KeywordsPage, ReasonsPage } from './ReviewSettingsPages';
import { ThroughputPage } from './ThroughputPage';
import { ExportsPage } from './ExportsPage';
import { TicketsPanel } from './TicketsPanel';
import { TrailLookup } from './TrailLookup';
import { useHashRoute } from '../common/route';
import { ApiError } from '../common/api';
import { AuditPage } from './AuditPage';
import { SettingsPage } from './SettingsPage';
import { SetupPage } from './SetupPage';
import { StaffLinkPage } from './StaffLinkPage';
import { StaffPage } from './StaffPage';
import { UnitsPage } from './UnitsPage';

export type StaffRole = Answer<'staff.me'>['role'];

/** The console's pages and who may open them (the server refuses the rest anyway). */
const PAGES = [
  { page: 'review', roles: ['reviewer', 'admin'] },
  { page: 'contacts', roles: ['reviewer', 'admin'] },
  { page: 'tickets', roles: ['reviewer', 'admin', 'technician'] },
  { page: 'trail', roles: ['reviewer', 'admin', 'technician'] },
  { page: 'keywords', roles: ['admin'] },
  { page: 'reasons', roles: ['admin'] },
  { page: 'throughput', roles: ['admin'] },
  { page: 'roster', roles: ['admin'] },
  { page: 'content', roles: ['admin'] },
  { page: 'exports', roles: ['admin'] },
  { page: 'tools', roles: ['admin', 'technician'] },
  { page: 'units', roles: ['admin'] },
  { page: 'staff', roles: ['admin'] },
  { page: 'settings', roles: ['admin', 'finance'] },
  { page: 'audit', roles: ['admin'] },
] as const;
type Page = (typeof PAGES)[number]['page'];

/**
 * The staff console: sign-in, then one page at a time (`#staff/<page>`)
 * under a menu that lists only what the role may use.
 */
export function StaffApp() {
  const { t } = useTranslation();
  const route = useHashRoute();
  // undefined while asking the server whether this browser is already signed in (a reload keeps the session).
  const [role, setRole] = useState<StaffRole | null | undefined>(undefined);
  const [form, setForm] = useState({ email: '', password: '' });
  const [error, setError] = useState<string | null>(null);

  // A server not set up yet answers setup_required: the sign-in page says where the setup link is.
  const [notSetUp, setNotSetUp] = useState(false);
  useEffect(() => {
    call('staff.me').then(
      (me) => setRole(me.role),
      (err: unknown) => {
        setNotSetUp(err instanceof ApiError && err.code === 'setup_required');
        setRole(null);
      },
    );
  }, []);

  // The one-time links open their own pages, signed in or not.
  const token = route.params.get('token') ?? '';
  if (route.page === 'setup') return <SetupPage key={token} token={token} onDone={setRole} />;
  if (route.page === 'staff-link') return <StaffLinkPage key={token} token={token} />;
  if (role === undefined) return null;

  if (!role) {
    const submit = (e: SyntheticEvent) => {
      e.preventDefault();
      setError(null);
      call('staff.signin', { body: form }).then(
        (signedIn) => setRole(signedIn.role),
        (err: unknown) => setError(errorText(err, t)),
      );
    };
    return (
      <section aria-labelledby="staff-signin" className="card">
        <h1 id="staff-signin">{t('signIn')}</h1>
        {notSetUp && <p className="notice">{t('setup.notSetUp')}</p>}
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

  const mine = PAGES.filter((p) => (p.roles as readonly StaffRole[]).includes(role));
  const asked = route.page.replace(/^staff\/?/, '');
  const page: Page = mine.find((p) => p.page === asked)?.page ?? mine[0]?.page ?? 'tickets';
  const signOut = () => {
    call('staff.signout').then(
      () => {
        // Nothing of this session stays on screen for the next person at this workstation.
        setForm({ email: '', password: '' });
        setRole(null);
      },
      (err: unknown) => setError(errorText(err, t)),
    );
  };

  return (
    <div className="stack">
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
      <div className="console-head">
        <p className="console-title">{t('staff.signedInAs', { role: t(`staff.roles.${role}`) })}</p>
        <button type="button" className="button" onClick={signOut}>
          {t('signOut')}
        </button>
      </div>
      <nav aria-label={t('menu.title')} className="console-menu">
        <ul className="row">
          {mine.map((p) => (
            <li key={p.page}>
              <a className="button" href={`#staff/${p.page}`} aria-current={p.page === page ? 'page' : undefined}>
                {t(`menu.${p.page}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {page === 'review' && <ReviewQueue />}
      {page === 'contacts' && <PendingContacts />}
      {page === 'tickets' && (
        <>
          <h1 className="console-title">{t('menu.tickets')}</h1>
          <TicketsPanel />
        </>
      )}
      {page === 'trail' && <TrailLookup />}
      {page === 'keywords' && <KeywordsPage />}
      {page === 'reasons' && <ReasonsPage />}
      {page === 'throughput' && <ThroughputPage />}
      {page === 'roster' && <RosterPage />}
      {page === 'content' && <ContentPage />}
      {page === 'units' && <UnitsPage />}
      {page === 'staff' && <StaffPage />}
      {page === 'settings' && <SettingsPage readOnly={role !== 'admin'} />}
      {page === 'audit' && <AuditPage />}
      {page === 'exports' && <ExportsPage />}
      {page === 'tools' && (
        <>
          <h1 className="console-title">{t('menu.tools')}</h1>
          <AdminTools role={role} />
        </>
      )}
    </div>
  );
}
