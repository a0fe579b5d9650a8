import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../common/api';
import { Field } from '../common/Field';
import { contactName, type Contact } from './ContactSelect';

/** The family's contacts and their status, and asking for a new one by DOC number. */
export function ContactsCard({
  contacts,
  run,
  onAdded,
}: {
  contacts: Contact[];
  run: (work: () => Promise<void>) => Promise<void>;
  onAdded: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [doc, setDoc] = useState('');
  return (
    <section aria-labelledby="contacts-title" className="card">
      <h1 id="contacts-title">{t('contacts')}</h1>
      {contacts.length === 0 ? (
        <p>{t('noContacts')}</p>
      ) : (
        <ul>
          {contacts.map((c) => (
            <li key={c.id}>
              {contactName(c)}, {c.facility}: <strong>{t(`status.${c.status}`)}</strong>
            </li>
          ))}
        </ul>
      )}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await call('family.contacts.request', { body: { docNumber: doc, relationship: null } });
            setDoc('');
            await onAdded();
          });
        }}
      >
        <Field label={t('docNumber')} value={doc} onChange={(e) => setDoc(e.target.value)} required />
        <button type="submit" className="button">
          {t('addContact')}
        </button>
      </form>
    </section>
  );
}
