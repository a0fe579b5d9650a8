import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { MUSIC_VOLUME_MAX_DEFAULT } from '../../../../shared/domain/limits';
import type { Track } from '../../api/ports';
import { useServices } from '../../api/services-context';

/** The volume the audio element gets: what the slider says, never above the facility's cap, never below 0. */
export function cappedVolume(volume: number, cap: number): number {
  return Math.max(0, Math.min(volume, cap, 1));
}

interface PlayerState {
  queue: Track[];
  index: number;
  playing: boolean;
  volume: number;
  /** The facility's hearing-safety cap (share of full volume); the slider never goes above it. */
  volumeCap: number;
  position: number;
  playQueue: (tracks: Track[], start: number) => void;
  enqueue: (track: Track) => void;
  toggle: () => void;
  next: () => void;
  previous: () => void;
  setVolume: (volume: number) => void;
  stop: () => void;
}

const PlayerContext = createContext<PlayerState | null>(null);

/**
 * One audio element for the whole session, above the screens, so music keeps
 * playing while the inmate browses; it stops at sign-out.
 */
export function MusicPlayerProvider({ children, signedIn = true }: { children: ReactNode; signedIn?: boolean }) {
  const { library } = useServices();
  const audio = useRef<HTMLAudioElement | null>(null);
  // Until core says otherwise, the built-in default cap holds.
  const [volumeCap, setVolumeCap] = useState<number>(MUSIC_VOLUME_MAX_DEFAULT);
  const [queue, setQueue] = useState<Track[]>([]);
  const [index, setIndex] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [volume, setVolumeState] = useState(0.5);
  const [position, setPosition] = useState(0);

  const element = useCallback(() => {
    if (!audio.current) {
      const a = new Audio();
      a.preload = 'auto';
      audio.current = a;
    }
    return audio.current;
  }, []);

  const current = queue[index];

  // The facility's cap arrives with the session (it is a synced facility setting).
  useEffect(() => {
    if (!signedIn) return;
    let cancelled = false;
    library.musicSettings().then(
      ({ volumeMax }) => {
        if (!cancelled) setVolumeCap(volumeMax);
      },
      () => undefined, // keep the default cap
    );
    return () => {
      cancelled = true;
    };
  }, [library, signedIn]);

  // When a track ends, the queue moves on; after the last one, playback stops.
  useEffect(() => {
    const a = audio.current;
    if (!a) return;
    const onEnded = () => {
      if (index + 1 < queue.length) setIndex(index + 1);
      else setPlaying(false);
    };
    const onTime = () => setPosition(a.currentTime);
    a.addEventListener('ended', onEnded);
    a.addEventListener('timeupdate', onTime);
    return () => {
      a.removeEventListener('ended', onEnded);
      a.removeEventListener('timeupdate', onTime);
    };
  }, [queue.length, index, current]);

  useEffect(() => {
    if (!current) return;
    const a = element();
    if (a.src !== new URL(current.url, document.baseURI).href) a.src = current.url;
    if (playing) a.play().catch(() => setPlaying(false));
    else a.pause();
  }, [current, playing, element]);

  useEffect(() => {
    if (audio.current) audio.current.volume = cappedVolume(volume, volumeCap);
  }, [volume, volumeCap, current]);

  const stop = useCallback(() => {
    audio.current?.pause();
    setPlaying(false);
    setQueue([]);
    setIndex(0);
  }, []);

  // Music belongs to the session: the provider is keyed by the inmate, so sign-out unmounts it and this silences it.
  useEffect(() => () => audio.current?.pause(), []);

  const value = useMemo<PlayerState>(
    () => ({
      queue,
      index,
      playing,
      volume: cappedVolume(volume, volumeCap),
      volumeCap,
      position,
      playQueue: (tracks, start) => {
        setQueue(tracks);
        setIndex(start);
        setPlaying(true);
        element();
      },
      enqueue: (track) => setQueue((q) => [...q, track]),
      toggle: () => setPlaying((p) => !p),
      next: () => setIndex((i) => Math.min(i + 1, Math.max(queue.length - 1, 0))),
      previous: () => setIndex((i) => Math.max(i - 1, 0)),
      setVolume: (v) => setVolumeState(cappedVolume(v, volumeCap)),
      stop,
    }),
    [queue, index, playing, volume, volumeCap, position, stop, element],
  );
  return <PlayerContext.Provider value={value}>{children}</PlayerContext.Provider>;
}

export function usePlayer(): PlayerState {
  const state = useContext(PlayerContext);
  if (!state) throw new Error('usePlayer outside MusicPlayerProvider');
  return state;
}
