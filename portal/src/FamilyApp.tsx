import { facilityLocale } from '../../shared/domain/locale';
import { useCallback, useEffect, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, money } from './api';
import { DemoMailbox } from './DemoMailbox';
import type { DepositHistoryItem } from '../../shared/domain/deposit-history';
import { DepositHistory, type ScheduledDeposit } from './DepositHistory';
import { ECardGallery } from './ECardGallery';
import { Field, Labelled } from './Field';
import { Help } from './Help';
import { ForgotPassword, ResetPassword } from './ResetPassword';
import { go, useHashRoute } from './route';
import { errorText } from './error-text';
import { VideogramForm } from './VideogramForm';

interface Contact {
  id: string;
  status: 'pending' | 'approved' | 'blocked';
  first_name: string;
  last_name: string;
  doc_number: string;
  facility: string;
}
interface Message {
  id: string;
  direction: 'in' | 'out';
  body: string;
  status: string;
  rejection_reason: string | null;
  created_at: number;
  first_name: string;
  last_name: string;
}

function useError() {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
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
  const view = error ? (
    <p role="alert" className="notice notice--error">
      {error}
    </p>
  ) : null;
  return { run, view };
}

function SignIn({ onSignedIn, initialNotice }: { onSignedIn: () => void; initialNotice: string | null }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'in' | 'up'>('in');
  const [form, setForm] = useState({
    email: '',
    password: '',
    displayName: '',
    securityQuestion: '',
    securityAnswer: '',
  });
  const [challenge, setChallenge] = useState<{ question: string; challengeId: string } | null>(null);
  const [answer, setAnswer] = useState('');
  const notice = initialNotice;
  const { run, view } = useError();
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    void run(async () => {
      if (challenge) {
        await api('POST', '/api/family/signin/answer', { challengeId: challenge.challengeId, answer });
        onSignedIn();
        return;
      }
      if (mode === 'up') await api('POST', '/api/family/signup', form);
      const result = await api<{ status: string; question?: string; challengeId?: string }>(
        'POST',
        '/api/family/signin',
        { email: form.email, password: form.password },
      );
      if (result.status === 'security-question')
        setChallenge({ question: result.question ?? '', challengeId: result.challengeId ?? '' });
      else onSignedIn();
    });
  };

  return (
    <section aria-labelledby="signin-title" className="card">
      <h1 id="signin-title">{mode === 'up' ? t('signUp') : t('signIn')}</h1>
      {view}
      {notice && <p role="status">{notice}</p>}
      <form onSubmit={submit} className="stack">
        {challenge ? (
          <>
            <p>{t('newBrowser')}</p>
            <Field label={challenge.question} value={answer} onChange={(e) => setAnswer(e.target.value)} autoFocus />
          </>
        ) : (
          <>
            <Field
              label={t('email')}
              type="email"
              autoComplete="email"
              value={form.email}
              onChange={set('email')}
              required
            />
            <Field
              label={t('password')}
              type="password"
              autoComplete={mode === 'up' ? 'new-password' : 'current-password'}
              value={form.password}
              onChange={set('password')}
              required
            />
            {mode === 'up' && (
              <>
                <Field label={t('displayName')} value={form.displayName} onChange={set('displayName')} required />
                <Field
                  label={t('question')}
                  value={form.securityQuestion}
                  onChange={set('securityQuestion')}
                  required
                />
                <Field label={t('answer')} value={form.securityAnswer} onChange={set('securityAnswer')} required />
              </>
            )}
          </>
        )}
        <button type="submit" className="button button--primary">
          {mode === 'up' && !challenge ? t('signUp') : t('signIn')}
        </button>
      </form>
      {!challenge && (
        <div className="row">
          <button type="button" className="button" onClick={() => setMode(mode === 'up' ? 'in' : 'up')}>
            {mode === 'up' ? t('haveAccount') : t('newAccount')}
          </button>
          <a className="button" href="#forgot">
            {t('forgot')}
          </a>
        </div>
      )}
    </section>
  );
}

const contactName = (c: Contact) => `${c.first_name} ${c.last_name} (${c.doc_number})`;

/** "To": one of the family's approved contacts. */
function ContactSelect({
  contacts,
  value,
  onChange,
}: {
  contacts: Contact[];
  value: string;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Labelled label={t('to')}>
      {(id) => (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)} required>
          <option value="">—</option>
          {contacts.map((c) => (
            <option key={c.id} value={c.id}>
              {contactName(c)}
            </option>
          ))}
        </select>
      )}
    </Labelled>
  );
}

/** A `<input type="date">` value (YYYY-MM-DD) as the start of that day in the reader's time zone, UTC ms. */
export function localDayStart(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
}

/** Today as a date input value, in the reader's time zone. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function Home({
  onSignedOut,
  showDeposits = false,
}: {
  onSignedOut: (notice: string | null) => void;
  /** Opened at `#deposits` (the declined-deposit email links there): bring the deposit list into view. */
  showDeposits?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [contacts, setContacts] = useState<Contact[]>([]);
  const [messages, setMessages] = useState<Message[]>([]);
  const [doc, setDoc] = useState('');
  const [deposit, setDeposit] = useState({ contactId: '', dollars: '', recurrence: 'once', startDate: '' });
  const [deposits, setDeposits] = useState<DepositHistoryItem[]>([]);
  const [schedules, setSchedules] = useState<ScheduledDeposit[]>([]);
  const [cancelled, setCancelled] = useState(false);
  const [quote, setQuote] = useState<{
    amountCents: number;
    feeCents: number;
    creditedCents: number;
    provider: string;
  } | null>(null);
  const [receipt, setReceipt] = useState<string | null>(null);
  const [draft, setDraft] = useState({ contactId: '', body: '', ecard: '' });
  const [files, setFiles] = useState<FileList | null>(null);
  const [sent, setSent] = useState(false);
  const [videoContact, setVideoContact] = useState('');
  const [loaded, setLoaded] = useState(false);
  const { run, view } = useError();

  const loadDeposits = useCallback(async () => {
    setDeposits(await api<DepositHistoryItem[]>('GET', '/api/family/deposits'));
    setSchedules(await api<ScheduledDeposit[]>('GET', '/api/family/deposits/scheduled'));
  }, []);
  const load = useCallback(async () => {
    const me = await api<{ contacts: Contact[] }>('GET', '/api/family/me');
    setContacts(me.contacts);
    setMessages(await api<Message[]>('GET', '/api/family/messages'));
    await loadDeposits();
    setLoaded(true);
  }, [loadDeposits]);
  useEffect(() => void run(load), [load, run]);
  useEffect(() => {
    // Only once everything above the list has loaded, or it would be pushed out of view again.
    if (loaded && showDeposits) document.getElementById('history-title')?.scrollIntoView();
  }, [loaded, showDeposits]);
  const approved = contacts.filter((c) => c.status === 'approved');
  const name = contactName;

  const photos = async () =>
    Promise.all(
      [...(files ?? [])].map(
        (file) =>
          new Promise<{ base64: string; alt: string }>((resolve, reject) => {
            const reader = new FileReader();
            reader.onload = () =>
              resolve({
                base64: (typeof reader.result === 'string' ? reader.result : '').split(',')[1] ?? '',
                alt: file.name,
              });
            reader.onerror = () => reject(new Error('could not read the photo'));
            reader.readAsDataURL(file);
          }),
      ),
    );

  return (
    <div className="stack">
      <div className="row row--end">
        <button
          type="button"
          className="button"
          onClick={() =>
            void run(async () => {
              await api('POST', '/api/family/signout', {});
              onSignedOut(null);
            })
          }
        >
          {t('signOut')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() =>
            void run(async () => {
              await api('POST', '/api/family/signout-everywhere', {});
              onSignedOut(t('signedOutEverywhere'));
            })
          }
        >
          {t('signOutEverywhere')}
        </button>
      </div>
      {view}
      <section aria-labelledby="contacts-title" className="card">
        <h1 id="contacts-title">{t('contacts')}</h1>
        {contacts.length === 0 ? (
          <p>{t('noContacts')}</p>
        ) : (
          <ul>
            {contacts.map((c) => (
              <li key={c.id}>
                {name(c)}, {c.facility}: <strong>{t(`status.${c.status}`)}</strong>
              </li>
            ))}
          </ul>
        )}
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              await api('POST', '/api/family/contacts', { docNumber: doc, relationship: null });
              setDoc('');
              await load();
            });
          }}
        >
          <Field label={t('docNumber')} value={doc} onChange={(e) => setDoc(e.target.value)} required />
          <button type="submit" className="button">
            {t('addContact')}
          </button>
        </form>
      </section>

      <section aria-labelledby="money-title" className="card">
        <h2 id="money-title">{t('sendMoney')}</h2>
        <p className="tag">{t('demoMoney')}</p>
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              if (!quote) {
                setQuote(
                  await api(
                    'GET',
                    `/api/family/deposits/quote?contactId=${deposit.contactId}&amountCents=${Math.round(Number(deposit.dollars) * 100)}`,
                  ),
                );
                return;
              }
              const startAt = deposit.startDate ? localDayStart(deposit.startDate) : null;
              const r = await api<{ receiptId: string; amountCents: number; feeCents: number; scheduled: boolean }>(
                'POST',
                '/api/family/deposits',
                {
                  contactId: deposit.contactId,
                  amountCents: quote.amountCents,
                  recurrence: deposit.recurrence,
                  startAt,
                  paymentToken: 'demo-card',
                },
              );
              const values = {
                id: r.receiptId.slice(-8),
                amount: money(r.amountCents, i18n.language),
                fee: money(r.feeCents, i18n.language),
                date: new Intl.DateTimeFormat(facilityLocale(i18n.language), { dateStyle: 'medium' }).format(
                  startAt ?? Date.now(),
                ),
              };
              setReceipt(r.scheduled ? t('receiptScheduled', values) : t('receipt', values));
              setQuote(null);
              setCancelled(false);
              await loadDeposits();
            });
          }}
        >
          <ContactSelect
            contacts={approved}
            value={deposit.contactId}
            onChange={(contactId) => {
              setQuote(null);
              setDeposit({ ...deposit, contactId });
            }}
          />
          <Field
            label={t('amount')}
            inputMode="decimal"
            value={deposit.dollars}
            onChange={(e) => {
              setQuote(null);
              setDeposit({ ...deposit, dollars: e.target.value });
            }}
            required
          />
          <Labelled label={t('schedule')}>
            {(id) => (
              <select
                id={id}
                value={deposit.recurrence}
                onChange={(e) => setDeposit({ ...deposit, recurrence: e.target.value })}
              >
                <option value="once">{t('once')}</option>
                <option value="weekly">{t('weekly')}</option>
                <option value="monthly">{t('monthly')}</option>
              </select>
            )}
          </Labelled>
          <Field
            label={t('startDate')}
            type="date"
            min={today()}
            value={deposit.startDate}
            onChange={(e) => setDeposit({ ...deposit, startDate: e.target.value })}
          />
          {quote && (
            <p data-testid="quote">
              {t('quote', {
                amount: money(quote.amountCents, i18n.language),
                fee: money(quote.feeCents, i18n.language),
                credited: money(quote.creditedCents, i18n.language),
              })}
            </p>
          )}
          <button type="submit" className="button button--primary">
            {quote ? t('confirmDeposit') : t('sendMoney')}
          </button>
          {receipt && <p role="status">{receipt}</p>}
        </form>
      </section>

      <DepositHistory
        items={deposits}
        schedules={schedules}
        cancelled={cancelled}
        onCancel={(id) =>
          run(async () => {
            setCancelled(false);
            await api('POST', `/api/family/deposits/${id}/cancel`, {});
            await loadDeposits();
            setCancelled(true);
          })
        }
      />

      <section aria-labelledby="write-title" className="card">
        <h2 id="write-title">{t('writeMessage')}</h2>
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              await api('POST', '/api/family/messages', {
                contactId: draft.contactId,
                body: draft.body,
                photos: await photos(),
                ecard: draft.ecard ? { templateId: draft.ecard, greeting: draft.body.slice(0, 200) } : null,
              });
              setDraft({ ...draft, body: '' });
              setSent(true);
              await load();
            });
          }}
        >
          <ContactSelect
            contacts={approved}
            value={draft.contactId}
            onChange={(contactId) => setDraft({ ...draft, contactId })}
          />
          <Labelled label={t('message')}>
            {(id) => (
              <textarea
                id={id}
                rows={5}
                value={draft.body}
                onChange={(e) => setDraft({ ...draft, body: e.target.value })}
                maxLength={2000}
              />
            )}
          </Labelled>
          <Labelled label={t('photos')}>
            {(id) => (
              <input
                id={id}
                type="file"
                accept="image/jpeg,image/png"
                multiple
                onChange={(e) => setFiles(e.target.files)}
              />
            )}
          </Labelled>
          <ECardGallery value={draft.ecard} onChange={(ecard) => setDraft({ ...draft, ecard })} />
          <button type="submit" className="button button--primary">
            {t('send')}
          </button>
          {sent && <p role="status">{t('sent')}</p>}
        </form>
      </section>

      <VideogramForm
        contactId={videoContact}
        contactSelect={<ContactSelect contacts={approved} value={videoContact} onChange={setVideoContact} />}
      />

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
    </div>
  );
}

/** The family side: sign-in or home, plus the pages anyone may open (reset, forgot, help, the demo mailbox). */
export function FamilyApp() {
  const { t } = useTranslation();
  const route = useHashRoute();
  const [signedIn, setSignedIn] = useState<boolean | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [demoMail, setDemoMail] = useState(false);
  useEffect(() => {
    api('GET', '/api/family/me').then(
      () => setSignedIn(true),
      () => setSignedIn(false),
    );
    // The demo mailbox link shows only where the server offers one (demo mode without SMTP).
    api('GET', '/api/demo/mail?limit=1').then(
      () => setDemoMail(true),
      () => setDemoMail(false),
    );
  }, []);
  let page;
  if (route.page === 'reset')
    page = (
      <ResetPassword
        key={route.params.get('token') ?? ''}
        token={route.params.get('token') ?? ''}
        onDone={() => {
          setSignedIn(false); // a new password ends every session
          setNotice(t('reset.done'));
          go('');
        }}
      />
    );
  else if (route.page === 'forgot') page = <ForgotPassword />;
  else if (route.page === 'help') page = <Help />;
  else if (route.page === 'demo-mail') page = <DemoMailbox />;
  else if (signedIn === null) page = null;
  else
    page = signedIn ? (
      <Home
        showDeposits={route.page === 'deposits'}
        onSignedOut={(message) => {
          setNotice(message);
          setSignedIn(false);
        }}
      />
    ) : (
      <SignIn
        initialNotice={notice}
        onSignedIn={() => {
          setNotice(null);
          setSignedIn(true);
        }}
      />
    );
  return (
    <>
      {page}
      <nav aria-label={t('moreNav')} className="row">
        <a className="button" href="#help">
          {t('help.link')}
        </a>
        {demoMail && (
          <a className="button" href="#demo-mail">
            {t('demoMail.link')}
          </a>
        )}
      </nav>
    </>
  );
}
