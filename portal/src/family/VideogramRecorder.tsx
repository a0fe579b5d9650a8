import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VIDEOGRAM_MAX_MS } from '../../../shared/domain/limits';

/** The first container this browser can record, preferring WebM/VP8 (Chromium, Firefox) over MP4 (Safari). */
function pickMimeType(): string {
  const candidates = ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp8', 'video/webm', 'video/mp4'];
  return candidates.find((type) => MediaRecorder.isTypeSupported(type)) ?? '';
}

/** m:ss */
function clock(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * The hard stop: a little before three minutes, so what the browser writes
 * (its last frame lands after the timer) stays within the server's limit.
 */
const RECORD_STOP_MS = VIDEOGRAM_MAX_MS - 300;

type State =
  | { kind: 'off' }
  | { kind: 'starting' }
  | { kind: 'live' }
  | { kind: 'recording'; startedAt: number }
  | { kind: 'recorded'; url: string; hitLimit: boolean }
  | { kind: 'failed'; reason: 'denied' | 'unsupported' };

/**
 * Records a videogram with the camera: live preview, a visible clock that
 * stops by itself at 3:00, then the recording to watch, record again or
 * send (the parent uploads the file it receives).
 */
export function VideogramRecorder({ onRecorded }: { onRecorded: (file: File | null) => void }) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ kind: 'off' });
  const [elapsed, setElapsed] = useState(0);
  const live = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const recorder = useRef<MediaRecorder | null>(null);
  const timers = useRef<number[]>([]);
  const url = state.kind === 'recorded' ? state.url : null;

  const clearTimers = () => {
    // Timeouts and intervals share one id list, so clearTimeout ends both.
    for (const id of timers.current) window.clearTimeout(id);
    timers.current = [];
  };
  const cameraOff = () => {
    for (const track of stream.current?.getTracks() ?? []) track.stop();
    stream.current = null;
  };

  useEffect(
    () => () => {
      clearTimers();
      if (recorder.current?.state === 'recording') recorder.current.stop();
      cameraOff();
    },
    [],
  );
  useEffect(() => (url ? () => URL.revokeObjectURL(url) : undefined), [url]);
  useEffect(() => {
    const video = live.current;
    if ((state.kind === 'live' || state.kind === 'recording') && video && video.srcObject !== stream.current)
      video.srcObject = stream.current;
  }, [state.kind]);

  const turnOn = async () => {
    if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
      setState({ kind: 'failed', reason: 'unsupported' });
      return;
    }
    setState({ kind: 'starting' });
    try {
      stream.current = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
      setState({ kind: 'live' });
    } catch {
      setState({ kind: 'failed', reason: 'denied' });
    }
  };

  const start = () => {
    if (!stream.current) return;
    const mimeType = pickMimeType();
    const rec = new MediaRecorder(stream.current, mimeType ? { mimeType } : {});
    const chunks: Blob[] = [];
    let hitLimit = false;
    rec.ondataavailable = (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    };
    rec.onstop = () => {
      clearTimers();
      cameraOff();
      const type = (rec.mimeType || mimeType || 'video/webm').split(';')[0] ?? 'video/webm';
      const blob = new Blob(chunks, { type });
      onRecorded(new File([blob], `videogram.${type === 'video/mp4' ? 'mp4' : 'webm'}`, { type }));
      setState({ kind: 'recorded', url: URL.createObjectURL(blob), hitLimit });
    };
    recorder.current = rec;
    rec.start(1000);
    const startedAt = Date.now();
    setElapsed(0);
    setState({ kind: 'recording', startedAt });
    timers.current.push(window.setInterval(() => setElapsed(Date.now() - startedAt), 250));
    timers.current.push(
      window.setTimeout(() => {
        hitLimit = true;
        setElapsed(VIDEOGRAM_MAX_MS);
        if (rec.state === 'recording') rec.stop();
      }, RECORD_STOP_MS),
    );
  };

  const again = () => {
    onRecorded(null);
    void turnOn();
  };

  return (
    <div className="stack recorder">
      {state.kind === 'off' && (
        <button type="button" className="button" onClick={() => void turnOn()}>
          {t('record.cameraOn')}
        </button>
      )}
      {state.kind === 'starting' && <p role="status">{t('record.starting')}</p>}
      {state.kind === 'failed' && (
        <p role="alert" className="notice notice--error">
          {t(state.reason === 'denied' ? 'record.denied' : 'record.unsupported')}
        </p>
      )}
      {(state.kind === 'live' || state.kind === 'recording') && (
        <>
          <video ref={live} className="recorder__video" autoPlay muted playsInline aria-label={t('record.preview')} />
          <p className="recorder__clock" role="timer" aria-label={t('record.clockLabel')}>
            {clock(state.kind === 'recording' ? elapsed : 0)} / {clock(VIDEOGRAM_MAX_MS)}
          </p>
          {state.kind === 'live' ? (
            <button type="button" className="button button--primary" onClick={start}>
              {t('record.start')}
            </button>
          ) : (
            <button type="button" className="button button--primary" onClick={() => recorder.current?.stop()}>
              {t('record.stop')}
            </button>
          )}
        </>
      )}
      {state.kind === 'recorded' && (
        <>
          {state.hitLimit && <p role="status">{t('record.limit')}</p>}
          <video className="recorder__video" src={state.url} controls playsInline aria-label={t('record.yours')} />
          <button type="button" className="button" onClick={again}>
            {t('record.again')}
          </button>
        </>
      )}
    </div>
  );
}
