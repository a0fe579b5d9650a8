import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../common/api';
import { Labelled } from '../common/Field';
import { ContactSelect, type Contact } from './ContactSelect';
import { ECardGallery } from './ECardGallery';
import type { ECardTemplateId } from '../../../shared/domain/ecards';

/** The photos picked, as base64 with the file name as their alt text. */
function readPhotos(files: FileList | null) {
  return Promise.all(
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
}

/** A message to an approved contact: text, photos, an eCard. */
export function WriteMessage({
  approved,
  run,
  onSent,
}: {
  approved: Contact[];
  run: (work: () => Promise<void>) => Promise<void>;
  onSent: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<{ contactId: string; body: string; ecard: ECardTemplateId | '' }>({
    contactId: '',
    body: '',
    ecard: '',
  });
  const [files, setFiles] = useState<FileList | null>(null);
  const [sent, setSent] = useState(false);
  return (
    <section aria-labelledby="write-title" className="card">
      <h2 id="write-title">{t('writeMessage')}</h2>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await call('family.messages.send', {
              body: {
                contactId: draft.contactId,
                body: draft.body,
                photos: await readPhotos(files),
                ecard: draft.ecard ? { templateId: draft.ecard, greeting: draft.body.slice(0, 200) } : null,
              },
            });
            setDraft({ ...draft, body: '' });
            setSent(true);
            await onSent();
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
  );
}
