import { useTranslation } from 'react-i18next';
import { Labelled } from '../common/Field';
import type { Answer } from '../common/api';

export type Contact = Answer<'family.me'>['contacts'][number];

export const contactName = (c: Contact) => `${c.first_name} ${c.last_name} (${c.doc_number})`;

/** "To": one of the family's approved contacts. */
export function ContactSelect({
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
