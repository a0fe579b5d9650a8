import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, upload } from './api';
import { Labelled } from './Field';

/** A videogram (WebM or MP4, up to three minutes; the server measures it), now or at a chosen time. */
export function VideogramForm({ contactSelect, contactId }: { contactSelect: ReactNode; contactId: string }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [when, setWhen] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-labelledby="video-title" className="card">
      <h2 id="video-title">{t('video.title')}</h2>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (!file) return;
          setError(null);
          const deliverAt = when ? `&deliverAt=${new Date(when).getTime()}` : '';
          upload<{ durationMs: number }>(`/api/family/videograms?contactId=${contactId}${deliverAt}`, file).then(
            (r) => setStatus(t('video.sent', { seconds: Math.round(r.durationMs / 1000) })),
            (err: unknown) => setError(err instanceof ApiError ? err.message : String(err)),
          );
        }}
      >
        {contactSelect}
        <Labelled label={t('video.file')}>
          {(id) => (
            <input
              id={id}
              type="file"
              accept="video/webm,video/mp4"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              required
            />
          )}
        </Labelled>
        <Labelled label={t('video.when')}>
          {(id) => <input id={id} type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />}
        </Labelled>
        <button type="submit" className="button button--primary">
          {t('send')}
        </button>
        {status && <p role="status">{status}</p>}
        {error && (
          <p role="alert" className="notice notice--error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
