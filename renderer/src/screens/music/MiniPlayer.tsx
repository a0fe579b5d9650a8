import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../ui/format';
import { usePlayer } from './player';

/** Now playing, on every screen while music plays: title, play/pause, next, volume (capped). */
export function MiniPlayer() {
  const { t } = useTranslation();
  const { queue, index, playing, toggle, next, previous, volume, volumeCap, setVolume, position, stop } = usePlayer();
  const track = queue[index];
  if (!track) return null;
  return (
    <section className="mini-player" aria-label={t('music.nowPlaying')}>
      <p className="mini-player__title">
        <span className="muted">{t('music.nowPlaying')}: </span>
        <span data-testid="now-playing">{track.title}</span>{' '}
        <span className="muted">
          {formatDuration(position)} / {formatDuration(track.durationSeconds)}
        </span>
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={previous} disabled={index === 0}>
          {t('music.previous')}
        </button>
        <button type="button" className="button button--primary" onClick={toggle}>
          {playing ? t('music.pause') : t('music.play')}
        </button>
        <button type="button" className="button" onClick={next} disabled={index + 1 >= queue.length}>
          {t('music.next')}
        </button>
        <button type="button" className="button" onClick={stop}>
          {t('music.stop')}
        </button>
        <label className="mini-player__volume">
          <span>{t('music.volume')}</span>
          <input
            type="range"
            min={0}
            max={volumeCap}
            step={0.05}
            value={volume}
            onChange={(event) => setVolume(Number(event.target.value))}
            aria-valuetext={t('settings.percent', { value: Math.round((volume / volumeCap) * 100) })}
          />
        </label>
      </div>
    </section>
  );
}
