import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { revealControls } from '../../../shared/domain/user-text';
import { call } from '../common/api';
import { errorText } from '../common/error-text';
import type { Answer } from '../common/api';

type PendingContact = Answer<'staff.contacts.pending'>[number];

/** Contact requests from families, approved by reviewers and admins. */
export function PendingContacts() {
  const { t } = useTranslation();
  const [contacts, setContacts] = useState<PendingContact[]>([]);
  const [error, setError] = useState<string | null>(null);
  const failed = useCallback((e: unknown) => setError(errorText(e, t)), [t]);
  const load = useCallback(() => call('staff.contacts.pending').then(setContacts, failed), [failed]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section aria-labelledby="pending-contacts" className="card">
      <h1 id="pending-contacts">{t('pendingContacts')}</h1>
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
      <ul>
        {contacts.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className="button"
              onClick={() => {
                setError(null);
                call('staff.contacts.decide', { params: { id: c.id }, body: { approve: true } }).then(load, failed);
              }}
            >
              {t('approveContact', {
                // Bidi and zero-width controls shown, so "gnp.exe" cannot pose as "exe.png".
                name: revealControls(c.display_name),
                inmate: `${c.first_name} ${c.last_name} (${c.doc_number})`,
              })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
