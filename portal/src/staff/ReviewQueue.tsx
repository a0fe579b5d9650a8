import { useCallback, useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../common/api';
import { Labelled } from '../common/Field';

export interface QueueItem {
  id: string;
  direction: 'in' | 'out';
  kind: string;
  body: string;
  photos: { sha256: string; mime: string; alt: string }[];
  ecard: { templateId: string; greeting: string } | null;
  videogram: { video: { sha256: string; mime: string }; durationMs: number } | null;
  contact_name: string;
  first_name: string;
  last_name: string;
  doc_number: string;
}

const mediaUrl = (sha256: string) => `/api/staff/media/${sha256}`;
const typing = (target: EventTarget | null) =>
  target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;

/**
 * The review queue, keyboard-fast: the selected item (the one focused or
 * clicked, else the first) is approved with `a`; `r` asks for the reason
 * before anything is rejected; ↑/↓ (or k/j) move the selection.
 */
export function ReviewQueue({
  queue,
  run,
  reload,
}: {
  queue: QueueItem[];
  run: (work: () => Promise<void>) => Promise<void>;
  reload: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const selected = queue.find((m) => m.id === selectedId) ?? queue[0];
  // The listener reads the newest state through refs, so it is added once.
  const state = useRef({ queue, selected, rejecting });
  useEffect(() => {
    state.current = { queue, selected, rejecting };
  }, [queue, selected, rejecting]);

  const approve = useCallback(
    (id: string) =>
      run(async () => {
        await api('POST', `/api/staff/review/${id}`, { decision: 'approve' });
        await reload();
      }),
    [reload, run],
  );
  const askReason = useCallback((id: string) => {
    setSelectedId(id);
    setReason('');
    setRejecting(id);
  }, []);
  const reject = (event: SyntheticEvent, id: string) => {
    event.preventDefault();
    if (!reason.trim()) return;
    void run(async () => {
      await api('POST', `/api/staff/review/${id}`, { decision: 'reject', reason: reason.trim() });
      setRejecting(null);
      setReason('');
      await reload();
    });
  };

  useEffect(() => {
    const focusItem = (id: string) =>
      document.querySelector<HTMLElement>(`[data-message="${CSS.escape(id)}"]`)?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const { queue: items, selected: item, rejecting: open } = state.current;
      if (!item || open) return;
      if (event.key === 'a') {
        event.preventDefault();
        void approve(item.id);
      } else if (event.key === 'r') {
        event.preventDefault();
        askReason(item.id);
      } else if (['ArrowDown', 'ArrowUp', 'j', 'k'].includes(event.key)) {
        const step = event.key === 'ArrowDown' || event.key === 'j' ? 1 : -1;
        const index = items.findIndex((m) => m.id === item.id);
        const next = items[Math.min(items.length - 1, Math.max(0, index + step))];
        if (next) {
          event.preventDefault();
          setSelectedId(next.id);
          focusItem(next.id);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [approve, askReason]);

  if (queue.length === 0) return <p>{t('emptyQueue')}</p>;
  return (
    <ul className="messages">
      {queue.map((m) => {
        const isSelected = m.id === selected?.id;
        return (
          <li
            key={m.id}
            data-message={m.id}
            tabIndex={0}
            aria-current={isSelected ? 'true' : undefined}
            className={isSelected ? 'queue-item queue-item--selected' : 'queue-item'}
            onFocus={() => setSelectedId(m.id)}
            onClick={() => setSelectedId(m.id)}
          >
            <strong>
              {m.direction === 'in'
                ? `${m.contact_name} → ${m.first_name} ${m.last_name}`
                : `${m.first_name} ${m.last_name} → ${m.contact_name}`}
            </strong>
            {m.body && <p className="pre">{m.body}</p>}
            {m.ecard && (
              <p>
                {t('staff.ecard', {
                  template: t(`ecard.template.${m.ecard.templateId}`, { defaultValue: m.ecard.templateId }),
                  greeting: m.ecard.greeting,
                })}
              </p>
            )}
            {m.photos.length > 0 && (
              <div className="review-photos">
                {m.photos.map((p) => (
                  <img
                    key={p.sha256}
                    src={mediaUrl(p.sha256)}
                    alt={p.alt || t('staff.photo')}
                    className="review-photo"
                  />
                ))}
              </div>
            )}
            {m.videogram && (
              <video
                className="review-video"
                controls
                preload="metadata"
                src={mediaUrl(m.videogram.video.sha256)}
                aria-label={t('staff.videogram', { seconds: Math.round(m.videogram.durationMs / 1000) })}
              />
            )}
            {rejecting === m.id ? (
              <form className="stack" onSubmit={(e) => reject(e, m.id)}>
                <Labelled label={t('reason')}>
                  {(id) => (
                    <textarea
                      id={id}
                      value={reason}
                      required
                      maxLength={500}
                      // The reason prompt opens on purpose (button or `r`): the cursor belongs in it.
                      autoFocus
                      onChange={(e) => setReason(e.target.value)}
                      onKeyDown={(e) => {
                        if (e.key === 'Escape') setRejecting(null);
                      }}
                    />
                  )}
                </Labelled>
                <div className="row">
                  <button type="submit" className="button button--primary" disabled={!reason.trim()}>
                    {t('staff.confirmReject')}
                  </button>
                  <button type="button" className="button" onClick={() => setRejecting(null)}>
                    {t('staff.cancel')}
                  </button>
                </div>
              </form>
            ) : (
              <div className="row">
                <button type="button" className="button button--primary" onClick={() => void approve(m.id)}>
                  {t('approve')}
                </button>
                <button type="button" className="button" onClick={() => askReason(m.id)}>
                  {t('reject')}
                </button>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
