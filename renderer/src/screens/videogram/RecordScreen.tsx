import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KioskError } from '../../../../shared/kiosk-api/errors';
import { newClientId } from '../../api/client-id';
import type { OutgoingMessage } from '../../api/ports';
import { useServices } from '../../api/services-context';
import { useLoad } from '../../api/use-load';
import { useRouter } from '../../app/router';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatCents, formatDuration } from '../../ui/format';
import { usePlace } from '../../ui/use-place';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { SentNotice } from '../compose/SentNotice';
import { countdownSeconds, maxVideogramSeconds, pickMimeType } from './recorder';

type Phase =
  | { name: 'camera' }
  | { name: 'countdown'; left: number }
  | { name: 'recording'; startedAt: number }
  | { name: 'preview'; blob: Blob; url: string; durationMs: number }
  | { name: 'sent'; message: OutgoingMessage };

/**
 * Record a videogram reply: camera preview, a 3-2-1 countdown, recording with
 * the time left shown and a hard stop at 3:00, then preview, re-record or send.
 */
export default function RecordScreen({ replyTo }: { replyTo: string }) {
  const { t } = useTranslation();
  const { compose } = useServices();
  const { navigate } = useRouter();
  const place = usePlace();
  // The videogram stamp's price and the balance, shown before recording (never learned only from the statement).
  const [rules] = useLoad(() => compose.rules(), [compose]);
  const price = rules.state === 'ready' ? formatCents(rules.value.videogramStampCostCents, place) : null;
  const cannotAfford = rules.state === 'ready' && rules.value.balanceCents < rules.value.videogramStampCostCents;
  const live = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const recorder = useRef<MediaRecorder | null>(null);
  const [phase, setPhase] = useState<Phase>({ name: 'camera' });
  const [now, setNow] = useState(() => Date.now());
  const [cameraError, setCameraError] = useState(false);
  const [error, setError] = useState<KioskError | null>(null);
  const [sending, setSending] = useState(false);
  const [clientId, setClientId] = useState(newClientId);

  const start = () => {
    const s = stream.current;
    if (!s) return;
    const chunks: Blob[] = [];
    const mimeType = pickMimeType();
    const r = new MediaRecorder(s, mimeType ? { mimeType } : undefined);
    const startedAt = Date.now();
    r.ondataavailable = (event) => event.data.size > 0 && chunks.push(event.data);
    r.onstop = () => {
      const durationMs = Math.min(Date.now() - startedAt, maxVideogramSeconds * 1000);
      const blob = new Blob(chunks, { type: r.mimeType || 'video/webm' });
      setPhase({ name: 'preview', blob, url: URL.createObjectURL(blob), durationMs });
    };
    recorder.current = r;
    r.start(1000);
    setNow(startedAt);
    setPhase({ name: 'recording', startedAt });
  };

  // The camera is on only while this screen is open.
  useEffect(() => {
    let cancelled = false;
    navigator.mediaDevices
      ?.getUserMedia({ video: { width: 640, height: 480 }, audio: true })
      .then((s) => {
        if (cancelled) return s.getTracks().forEach((track) => track.stop());
        stream.current = s;
        if (live.current) live.current.srcObject = s;
      })
      .catch(() => setCameraError(true));
    return () => {
      cancelled = true;
      if (recorder.current?.state === 'recording') recorder.current.stop();
      stream.current?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  // Countdown, then start.
  useEffect(() => {
    if (phase.name !== 'countdown') return;
    const timer = window.setTimeout(() => {
      if (phase.left > 1) setPhase({ name: 'countdown', left: phase.left - 1 });
      else start();
    }, 1000);
    return () => window.clearTimeout(timer);
  });

  // While recording: tick the clock and stop hard at the limit.
  useEffect(() => {
    if (phase.name !== 'recording') return;
    const timer = window.setInterval(() => {
      setNow(Date.now());
      if (Date.now() - phase.startedAt >= maxVideogramSeconds * 1000) recorder.current?.stop();
    }, 250);
    return () => window.clearInterval(timer);
  }, [phase]);

  const reRecord = () => {
    if (phase.name === 'preview') URL.revokeObjectURL(phase.url);
    setClientId(newClientId()); // a new recording is a new videogram
    setPhase({ name: 'camera' });
  };

  const send = () => {
    if (phase.name !== 'preview' || sending) return;
    setSending(true);
    setError(null);
    compose
      .sendVideogram({ clientId, replyTo, video: phase.blob, durationMs: phase.durationMs })
      .then(
        (message) => {
          URL.revokeObjectURL(phase.url);
          setPhase({ name: 'sent', message });
        },
        (e: unknown) => setError(KioskError.from(e)),
      )
      .finally(() => setSending(false));
  };

  const elapsed = phase.name === 'recording' ? Math.floor((now - phase.startedAt) / 1000) : 0;

  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenHeader title={t('record.heading')} />
      {cameraError && <p className="notice notice--error">{t('record.noCamera')}</p>}
      <p className="muted">{t('record.limit', { max: formatDuration(maxVideogramSeconds) })}</p>
      {rules.state === 'ready' && (
        <p className="notice" data-testid="videogram-cost">
          {t('record.cost', { cost: price, balance: formatCents(rules.value.balanceCents, place) })}
        </p>
      )}
      {cannotAfford && <p className="notice notice--error">{t('record.noFunds')}</p>}
      <div className="recorder">
        <video
          ref={live}
          className="recorder__video"
          muted
          autoPlay
          playsInline
          aria-label={t('record.cameraLabel')}
          hidden={phase.name === 'preview' || phase.name === 'sent'}
        />
        {phase.name === 'countdown' && (
          <p className="recorder__countdown" aria-live="assertive">
            {phase.left}
          </p>
        )}
        {phase.name === 'preview' && (
          <video
            className="recorder__video"
            src={phase.url}
            controls
            playsInline
            aria-label={t('record.previewLabel')}
          />
        )}
      </div>
      <div className="button-row" aria-live="polite">
        {phase.name === 'camera' && (
          <button
            type="button"
            className="button button--primary button--large"
            disabled={cameraError}
            onClick={() => setPhase({ name: 'countdown', left: countdownSeconds })}
          >
            {t('record.start')}
          </button>
        )}
        {phase.name === 'recording' && (
          <>
            <p className="recorder__timer" data-testid="record-timer">
              {t('record.recording', {
                time: formatDuration(elapsed),
                left: formatDuration(maxVideogramSeconds - elapsed),
              })}
            </p>
            <button
              type="button"
              className="button button--danger button--large"
              onClick={() => recorder.current?.stop()}
            >
              {t('record.stop')}
            </button>
          </>
        )}
        {phase.name === 'preview' && (
          <>
            <button
              type="button"
              className="button button--primary button--large"
              onClick={send}
              disabled={sending || cannotAfford}
            >
              {sending ? t('compose.sending') : price ? t('record.sendFor', { cost: price }) : t('record.send')}
            </button>
            <button type="button" className="button button--large" onClick={reRecord} disabled={sending}>
              {t('record.again')}
            </button>
          </>
        )}
      </div>
      {error && <ErrorNotice error={error} onRetry={send} />}
      {phase.name === 'sent' && (
        <div className="stack">
          <SentNotice message={phase.message} />
          <button
            type="button"
            className="button button--primary button--large"
            onClick={() => navigate({ name: 'outbox' })}
          >
            {t('compose.seeSent')}
          </button>
        </div>
      )}
    </section>
  );
}
