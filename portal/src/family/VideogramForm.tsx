import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { upload } from '../common/api';
import { Labelled } from '../common/Field';
import { errorText } from '../common/error-text';
import { VideogramRecorder } from './VideogramRecorder';

/**
 * A videogram (WebM or MP4, up to three minutes; the server measures it),
 * from a file or recorded here with the camera, now or at a chosen time.
 */
export function VideogramForm({ contactSelect, contactId }: { contactSelect: ReactNode; contactId: string }) {
  const { t } = useTranslation();
  const [source, setSource] = useState<'file' | 'camera'>('file');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const choose = (next: File | null) => {
    setFile(next);
    setError(null);
    setStatus(null);
  };
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
          setError(null);
          setStatus(null);
          if (!file) {
            setError(t(source === 'camera' ? 'video.recordFirst' : 'video.chooseFirst'));
            return;
          }
          setBusy(true);
          const deliverAt = when ? { deliverAt: new Date(when).getTime() } : {};
          upload('family.videograms.send', { query: { contactId, ...deliverAt } }, file).then(
            (r) => {
              setBusy(false);
              setStatus(t('video.sent', { seconds: Math.round(r.durationMs / 1000) }));
            },
            (err: unknown) => {
              setBusy(false);
              setError(errorText(err, t));
            },
          );
        }}
      >
        {contactSelect}
        <div role="group" aria-label={t('video.source')} className="row">
          {(['file', 'camera'] as const).map((kind) => (
            <button
              key={kind}
              type="button"
              className="button"
              aria-pressed={source === kind}
              onClick={() => {
                setSource(kind);
                choose(null);
              }}
            >
              {t(kind === 'file' ? 'video.fromFile' : 'video.fromCamera')}
            </button>
          ))}
        </div>
        {source === 'file' ? (
          <Labelled label={t('video.file')}>
            {(id) => (
              <input
                id={id}
                type="file"
                accept="video/webm,video/mp4"
                onChange={(e) => choose(e.target.files?.[0] ?? null)}
              />
            )}
          </Labelled>
        ) : (
          <VideogramRecorder onRecorded={choose} />
        )}
        <Labelled label={t('video.when')}>
          {(id) => <input id={id} type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />}
        </Labelled>
        <button type="submit" className="button button--primary" disabled={busy}>
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
