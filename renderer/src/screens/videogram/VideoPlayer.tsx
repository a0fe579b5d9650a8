import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../ui/format';

/**
 * A videogram with large controls of our own (play/pause, back 10 s, captions)
 * rather than the browser's small ones; captions come from a WebVTT track.
 */
export function VideoPlayer({ src, captionsUrl, label }: { src: string; captionsUrl: string | null; label: string }) {
  const { t, i18n } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);
  const [captions, setCaptions] = useState(true);

  const toggle = () => {
    const v = video.current;
    if (!v) return;
    if (v.paused) void v.play().catch(() => undefined);
    else v.pause();
  };
  const showCaptions = (on: boolean) => {
    setCaptions(on);
    const track = video.current?.textTracks[0];
    if (track) track.mode = on ? 'showing' : 'hidden';
  };

  return (
    <figure className="video-player">
      <video
        ref={video}
        src={src}
        aria-label={label}
        playsInline
        preload="metadata"
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
        onLoadedMetadata={(e) => {
          setDuration(e.currentTarget.duration);
          const track = e.currentTarget.textTracks[0];
          if (track) track.mode = captions ? 'showing' : 'hidden';
        }}
      >
        {captionsUrl && (
          <track kind="captions" src={captionsUrl} srcLang={i18n.language} label={t('video.captions')} default />
        )}
      </video>
      <figcaption className="video-player__controls">
        <button type="button" className="button button--primary" onClick={toggle}>
          {playing ? t('video.pause') : t('video.play')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            if (video.current) video.current.currentTime = Math.max(0, video.current.currentTime - 10);
          }}
        >
          {t('video.back10')}
        </button>
        {captionsUrl && (
          <button
            type="button"
            className="button button--toggle"
            aria-pressed={captions}
            onClick={() => showCaptions(!captions)}
          >
            {t('video.captions')}
          </button>
        )}
        <span className="video-player__time">
          {formatDuration(time)} / {formatDuration(Number.isFinite(duration) ? duration : 0)}
        </span>
      </figcaption>
    </figure>
  );
}
