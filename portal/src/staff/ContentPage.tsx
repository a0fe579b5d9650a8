import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrackUpload } from '../../../shared/portal-api/intake';
import { call, upload } from '../common/api';
import { errorText } from '../common/error-text';
import { Field, Labelled } from '../common/Field';
import { CatalogApproval } from './CatalogApproval';

/** What the browser says a music file is, or what its name says (some browsers give no type). */
const audioType = (file: File) => (/\.(ogg|oga|opus)$/i.test(file.name) ? 'audio/ogg' : 'audio/mpeg');

/**
 * Content intake (admins): upload a book, music (tracks, then one album) or a
 * course file; new items land unapproved in the catalog below, where they are
 * approved at a price or withdrawn.
 */
export function ContentPage() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tracks, setTracks] = useState<TrackUpload[]>([]);
  const [album, setAlbum] = useState({ title: '', artist: '' });
  const [busy, setBusy] = useState(false);
  const [catalogVersion, setCatalogVersion] = useState(0);
  const added = (title: string) => {
    setStatus(t('intake.added', { title }));
    setCatalogVersion((v) => v + 1);
  };
  const fail = (err: unknown) => setError(errorText(err, t));
  const run = async (work: () => Promise<void>) => {
    setError(null);
    setStatus(null);
    setBusy(true);
    try {
      await work();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const uploadTracks = (files: File[]) =>
    run(async () => {
      const done: TrackUpload[] = [];
      for (const file of files) {
        done.push(
          await upload('staff.intake.track', { query: { name: file.name.slice(0, 300) } }, file, audioType(file)),
        );
      }
      setTracks((before) => [...before, ...done]);
      const first = done[0];
      if (first) setAlbum((a) => ({ title: a.title || first.album, artist: a.artist || first.artist }));
      setStatus(t('intake.tracksUploaded', { count: done.length }));
    });

  return (
    <section aria-labelledby="content-title" className="stack">
      <h1 id="content-title" className="console-title">
        {t('menu.content')}
      </h1>
      <p role="status" aria-live="polite">
        {busy ? t('intake.uploading') : status}
      </p>
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
      <div className="card stack">
        <h2>{t('intake.book')}</h2>
        <p>{t('intake.bookHelp')}</p>
        <Labelled label={t('intake.bookFile')}>
          {(id) => (
            <input
              id={id}
              type="file"
              accept=".epub,application/epub+zip"
              data-testid="intake-book-file"
              disabled={busy}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file)
                  void run(async () => {
                    const r = await upload('staff.intake.book', {}, file, 'application/epub+zip');
                    added(r.item.title);
                  });
              }}
            />
          )}
        </Labelled>
      </div>
      <div className="card stack">
        <h2>{t('intake.music')}</h2>
        <p>{t('intake.musicHelp')}</p>
        <Labelled label={t('intake.musicFiles')}>
          {(id) => (
            <input
              id={id}
              type="file"
              multiple
              accept=".mp3,.ogg,.oga,.opus,audio/mpeg,audio/ogg"
              data-testid="intake-music-files"
              disabled={busy}
              onChange={(e) => {
                const files = [...(e.target.files ?? [])];
                e.target.value = '';
                if (files.length > 0) void uploadTracks(files);
              }}
            />
          )}
        </Labelled>
        {tracks.length > 0 && (
          <form
            className="stack"
            aria-label={t('intake.albumForm')}
            onSubmit={(e) => {
              e.preventDefault();
              void run(async () => {
                const r = await call('staff.intake.album', {
                  body: {
                    title: album.title,
                    artist: album.artist,
                    language: i18n.language.startsWith('es') ? 'es' : 'en',
                    description: '',
                    tracks: tracks.map((track) => ({ sha256: track.sha256, title: track.title })),
                  },
                });
                setTracks([]);
                setAlbum({ title: '', artist: '' });
                added(r.item.title);
              });
            }}
          >
            <ol>
              {tracks.map((track) => (
                <li key={track.sha256}>
                  {t('intake.track', { title: track.title, seconds: Math.round(track.durationMs / 1000) })}
                </li>
              ))}
            </ol>
            <Field
              label={t('intake.albumTitle')}
              value={album.title}
              onChange={(e) => setAlbum({ ...album, title: e.target.value })}
              required
            />
            <Field
              label={t('intake.albumArtist')}
              value={album.artist}
              onChange={(e) => setAlbum({ ...album, artist: e.target.value })}
            />
            <div className="row">
              <button
                type="submit"
                className="button button--primary"
                disabled={busy}
                data-testid="intake-album-create"
              >
                {t('intake.createAlbum')}
              </button>
              <button type="button" className="button" onClick={() => setTracks([])}>
                {t('roster.cancel')}
              </button>
            </div>
          </form>
        )}
      </div>
      <div className="card stack">
        <h2>{t('intake.course')}</h2>
        <p>{t('intake.courseHelp')}</p>
        <Labelled label={t('intake.courseFile')}>
          {(id) => (
            <input
              id={id}
              type="file"
              accept=".json,application/json"
              data-testid="intake-course-file"
              disabled={busy}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file)
                  void run(async () => {
                    const course = await file.text();
                    const r = await call('staff.intake.course', { body: { course } });
                    added(r.item.title);
                  });
              }}
            />
          )}
        </Labelled>
      </div>
      <CatalogApproval key={catalogVersion} />
    </section>
  );
}
