import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DepositHistoryItem } from '../../../shared/domain/deposit-history';
import { call } from '../common/api';
import { useError } from '../common/use-error';
import { ContactsCard } from './ContactsCard';
import { ContactSelect, type Contact } from './ContactSelect';
import { DepositHistory, type ScheduledDeposit } from './DepositHistory';
import { MessageList, type Message } from './MessageList';
import { MyDataCard } from './MyDataCard';
import { SendMoney } from './SendMoney';
import { VideogramForm } from './VideogramForm';
import { WriteMessage } from './WriteMessage';

/** A signed-in family's page: contacts, money, messages and videograms, one card each. */
export function Home({
  onSignedOut,
  showDeposits = false,
}: {
  onSignedOut: (notice: string | null) => void;
  /** Opened at `#deposits` (the declined-deposit email links there): bring the deposit list into view. */
  showDeposits?: boolean;
}) {
  const { t } = useTranslation();
  const [contacts, setContacts] = useState<Contact[]>([]);
  const [messages, setMessages] = useState<Message[]>([]);
  const [deposits, setDeposits] = useState<DepositHistoryItem[]>([]);
  const [schedules, setSchedules] = useState<ScheduledDeposit[]>([]);
  const [cancelled, setCancelled] = useState(false);
  const [videoContact, setVideoContact] = useState('');
  const [loaded, setLoaded] = useState(false);
  const { run, view } = useError();

  const loadDeposits = useCallback(async () => {
    setDeposits(await call('family.deposits.list'));
    setSchedules(await call('family.deposits.scheduled'));
  }, []);
  const load = useCallback(async () => {
    const me = await call('family.me');
    setContacts(me.contacts);
    setMessages(await call('family.messages.list'));
    await loadDeposits();
    setLoaded(true);
  }, [loadDeposits]);
  useEffect(() => void run(load), [load, run]);
  useEffect(() => {
    // Only once everything above the list has loaded, or it would be pushed out of view again.
    if (loaded && showDeposits) document.getElementById('history-title')?.scrollIntoView();
  }, [loaded, showDeposits]);
  const approved = contacts.filter((c) => c.status === 'approved');

  return (
    <div className="stack">
      <div className="row row--end">
        <button
          type="button"
          className="button"
          onClick={() =>
            void run(async () => {
              await call('family.signout');
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
              await call('family.signout-everywhere');
              onSignedOut(t('signedOutEverywhere'));
            })
          }
        >
          {t('signOutEverywhere')}
        </button>
      </div>
      {view}
      <ContactsCard contacts={contacts} run={run} onAdded={load} />
      <SendMoney
        approved={approved}
        onDeposited={async () => {
          setCancelled(false);
          await loadDeposits();
        }}
      />
      <DepositHistory
        items={deposits}
        schedules={schedules}
        cancelled={cancelled}
        onCancel={(id) =>
          run(async () => {
            setCancelled(false);
            await call('family.deposits.cancel', { params: { id }, body: {} });
            await loadDeposits();
            setCancelled(true);
          })
        }
      />
      <WriteMessage approved={approved} run={run} onSent={load} />
      <VideogramForm
        contactId={videoContact}
        contactSelect={<ContactSelect contacts={approved} value={videoContact} onChange={setVideoContact} />}
      />
      <MessageList messages={messages} />
      <MyDataCard run={run} />
    </div>
  );
}
