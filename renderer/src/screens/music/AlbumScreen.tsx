import { useTranslation } from 'react-i18next';
import type { Track } from '../../api/ports';
import { useServices } from '../../api/services-context';
import { useLoad } from '../../api/use-load';
import { formatDuration } from '../../ui/format';
import { LoadView } from '../../ui/LoadView';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { usePlayer } from './player';

/** An album's tracks: play from here, or add one to the queue; the player keeps going on other screens. */
export default function AlbumScreen({ id, title }: { id: string; title: string }) {
  const { t } = useTranslation();
  const { library } = useServices();
  const { playQueue, enqueue, queue, index } = usePlayer();
  const [load, reload] = useLoad<Track[]>(() => library.tracks(id), [library, id]);
  const playingId = queue[index]?.id;
  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenHeader title={title} />
      <LoadView load={load} onRetry={reload}>
        {(tracks) => (
          <>
            <button
              type="button"
              className="button button--primary button--large"
              onClick={() => playQueue(tracks, 0)}
              disabled={tracks.length === 0}
            >
              {t('music.playAll')}
            </button>
            <ol className="tracks">
              {tracks.map((track, i) => (
                <li key={track.id} className={`track ${track.id === playingId ? 'track--playing' : ''}`}>
                  <span className="track__title">{track.title}</span>
                  <span className="muted">{formatDuration(track.durationSeconds)}</span>
                  <button type="button" className="button" onClick={() => playQueue(tracks, i)}>
                    {t('music.play')}
                    <span className="visually-hidden">: {track.title}</span>
                  </button>
                  <button type="button" className="button" onClick={() => enqueue(track)}>
                    {t('music.addToQueue')}
                    <span className="visually-hidden">: {track.title}</span>
                  </button>
                </li>
              ))}
            </ol>
          </>
        )}
      </LoadView>
    </section>
  );
}
