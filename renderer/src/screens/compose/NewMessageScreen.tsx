import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComposeRules, Contact, Draft } from '../../api/ports';
import { useServices } from '../../api/services-context';
import { useLoad } from '../../api/use-load';
import { LoadView } from '../../ui/LoadView';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { ComposeForm } from './ComposeScreen';

interface Loaded {
  rules: ComposeRules;
  contacts: Contact[];
  /** Drafts of new messages (not replies), newest first: choosing a contact brings its draft back. */
  drafts: Draft[];
}

/**
 * A new message: pick one of the approved contacts (big buttons), then write it with the same limit and stamp.
 * `contactId` (from a draft in Sent and drafts) opens that contact's message straight away.
 */
export default function NewMessageScreen({ contactId = null }: { contactId?: string | null }) {
  const { t } = useTranslation();
  const { compose } = useServices();
  const [load, reload] = useLoad<Loaded>(async () => {
    const [rules, contacts, drafts] = await Promise.all([
      compose.rules(),
      compose.contacts(),
      compose.drafts().catch(() => [] as Draft[]),
    ]);
    return { rules, contacts, drafts: drafts.filter((d) => d.replyTo === null && d.contactId !== null) };
  }, [compose]);
  const [picked, setContact] = useState<Contact | null>(null);
  const contact =
    picked ??
    (contactId !== null && load.state === 'ready'
      ? (load.value.contacts.find((c) => c.id === contactId) ?? null)
      : null);
  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenHeader title={contact ? t('compose.newTo', { name: contact.displayName }) : t('compose.newMessage')} />
      <LoadView load={load} onRetry={reload}>
        {({ rules, contacts, drafts }) =>
          contact ? (
            <div className="stack">
              <button type="button" className="button" onClick={() => setContact(null)}>
                {t('compose.changeContact')}
              </button>
              <ComposeForm
                key={contact.id}
                to={{ contactId: contact.id }}
                rules={rules}
                draft={drafts.find((d) => d.contactId === contact.id) ?? null}
              />
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
                      {drafts.some((d) => d.contactId === c.id) && (
                        <span className="muted"> · {t('compose.hasDraft')}</span>
                      )}
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
