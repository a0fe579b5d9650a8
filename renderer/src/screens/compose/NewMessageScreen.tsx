import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComposeRules, Contact } from '../../api/ports';
import { useServices } from '../../api/services-context';
import { useLoad } from '../../api/use-load';
import { LoadView } from '../../ui/LoadView';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { ComposeForm } from './ComposeScreen';

interface Loaded {
  rules: ComposeRules;
  contacts: Contact[];
}

/** A new message: pick one of the approved contacts (big buttons), then write it with the same limit and stamp. */
export default function NewMessageScreen() {
  const { t } = useTranslation();
  const { compose } = useServices();
  const [load, reload] = useLoad<Loaded>(async () => {
    const [rules, contacts] = await Promise.all([compose.rules(), compose.contacts()]);
    return { rules, contacts };
  }, [compose]);
  const [contact, setContact] = useState<Contact | null>(null);
  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenHeader title={contact ? t('compose.newTo', { name: contact.displayName }) : t('compose.newMessage')} />
      <LoadView load={load} onRetry={reload}>
        {({ rules, contacts }) =>
          contact ? (
            <div className="stack">
              <button type="button" className="button" onClick={() => setContact(null)}>
                {t('compose.changeContact')}
              </button>
              <ComposeForm key={contact.id} to={{ contactId: contact.id }} rules={rules} draft={null} />
            </div>
          ) : contacts.length === 0 ? (
            <p className="empty">{t('compose.noContacts')}</p>
          ) : (
            <fieldset className="stack">
              <legend className="field__label">{t('compose.chooseContact')}</legend>
              <ul className="contact-list" data-testid="contact-list">
                {contacts.map((c) => (
                  <li key={c.id}>
                    <button
                      type="button"
                      className="button button--large contact-list__item"
                      onClick={() => setContact(c)}
                    >
                      <span className="contact-list__name">{c.displayName}</span>
                      {c.relationship && <span className="muted"> · {c.relationship}</span>}
                    </button>
                  </li>
                ))}
              </ul>
            </fieldset>
          )
        }
      </LoadView>
    </section>
  );
}
