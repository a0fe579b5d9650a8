import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { characterCount, characters } from '../../../shared/domain/text-length';
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

/** The facility default; a facility with another limit answers `too_long` with its own, and the form says so. */
const MAX_CHARS = 2000;
/** The card's greeting: at most 200 UTF-16 units (the server's limit), never cut inside a character. */
const GREETING_MAX_UNITS = 200;
function greetingOf(body: string): string {
  let greeting = '';
  for (const character of characters(body)) {
    if (greeting.length + character.length > GREETING_MAX_UNITS) break;
    greeting += character;
  }
  return greeting;
}

/**
 * A message to an approved contact: text, photos, an eCard. What is typed is what is sent: no native
 * maxlength (it cuts a paste silently, and counts an emoji as two), a counter with the limit, a refusal
 * to send while over it, and a word when an eCard's card shows only the start of the text.
 */
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
  const count = characterCount(draft.body);
  const tooLong = count > MAX_CHARS;
  const greetingCut = draft.ecard !== '' && greetingOf(draft.body) !== draft.body;
  return (
    <section aria-labelledby="write-title" className="card">
      <h2 id="write-title">{t('writeMessage')}</h2>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (tooLong) return;
          void run(async () => {
            await call('family.messages.send', {
              body: {
                contactId: draft.contactId,
                body: draft.body,
                photos: await readPhotos(files),
                ecard: draft.ecard ? { templateId: draft.ecard, greeting: greetingOf(draft.body) } : null,
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
              aria-describedby="write-counter"
              aria-invalid={tooLong || undefined}
            />
          )}
        </Labelled>
        <p id="write-counter" className={tooLong ? 'notice notice--error' : 'tag'} aria-live="polite">
          {tooLong ? t('write.tooLong', { count, max: MAX_CHARS }) : t('write.counter', { count, max: MAX_CHARS })}
        </p>
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
        {greetingCut && <p className="notice">{t('write.greetingCut', { max: GREETING_MAX_UNITS })}</p>}
        <button type="submit" className="button button--primary" disabled={tooLong}>
          {t('send')}
        </button>
        {sent && <p role="status">{t('sent')}</p>}
      </form>
    </section>
  );
}
