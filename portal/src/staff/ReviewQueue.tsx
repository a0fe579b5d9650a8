import { startTransition, useCallback, useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortalRoutes } from '../../../shared/portal-api/contract';
import type { RouteInput } from '../../../shared/portal-api/define';
import { ApiError, call, type Answer } from '../common/api';
import { errorText } from '../common/error-text';
import { Labelled } from '../common/Field';
import { ReviewFilters, ReviewSummaryLine, type Filters, type Summary } from './ReviewFilters';
import { ReviewItem, type QueueItem } from './ReviewItem';

type Reason = Answer<'staff.review.reasons'>[number];
type Decision = RouteInput<PortalRoutes['staff.review.decide']>['body'];

interface Undo {
  item: QueueItem;
  index: number;
  decision: 'approve' | 'reject';
  until: number;
}

const PAGE = 50;
/**
 * The list on screen is a window around the selection (a few read before it, a screenful after), not
 * every message loaded: a page coming in, or a decision, then changes a handful of elements instead of
 * hundreds, so no frame waits long on the DOM.
 */
const SHOWN_BEFORE = 8;
const SHOWN_AFTER = 24;
const typing = (target: EventTarget | null) =>
  target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
const page = (filters: Filters, after: string | null) =>
  call('staff.review.queue', { query: { ...filters, limit: PAGE, ...(after ? { after } : {}) } });

/**
 * The review queue, its own page, keyboard-first. Pages of 50 by the
 * server's keyset cursor (the next page loads as the selection nears the
 * end), oldest first. The selected message is claimed, so no other reviewer
 * decides it. After a decision the next message is selected, scrolled into
 * view and focused; keys are ignored while a decision is on its way, so a
 * second key press never lands on a message nobody has seen. Each decision
 * can be undone until the server applies it.
 */
export function ReviewQueue() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<Filters>({});
  const [items, setItems] = useState<QueueItem[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [reasons, setReasons] = useState<Reason[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  /** The message the server confirmed is this reviewer's (claimed); until then the selection is only a wish. */
  const [claimedId, setClaimedId] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [reasonCode, setReasonCode] = useState('');
  const [note, setNote] = useState('');
  const [undo, setUndo] = useState<Undo | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);
  /** A decision's answer came: keys come back once the list it changed has rendered. */
  const releaseAfterRender = useRef(false);
  const claims = useRef<Promise<unknown>>(Promise.resolve());
  const decisions = useRef(0);
  const itemsRef = useRef(items);
  useEffect(() => {
    itemsRef.current = items;
  }, [items]);
  const loadingMore = useRef(false);
  const selectedIndex = Math.max(
    0,
    items.findIndex((m) => m.id === selectedId),
  );
  const selected = items[selectedIndex] ?? null;
  const failed = useCallback(
    (e: unknown) =>
      setError(
        e instanceof ApiError ? t(`review.error.${e.code}`, { defaultValue: errorText(e, t) }) : errorText(e, t),
      ),
    [t],
  );
  const refreshSummary = useCallback(() => {
    call('staff.review.summary').then((s) => startTransition(() => setSummary(s)), failed);
  }, [failed]);

  useEffect(() => {
    page(filters, null).then((page) => {
      setItems(page.items);
      setNext(page.next);
      setSelectedId(page.items[0]?.id ?? null);
    }, failed);
    refreshSummary();
  }, [filters, failed, refreshSummary]);
  useEffect(() => {
    call('staff.review.reasons').then((list) => {
      setReasons(list.filter((r) => r.active));
      setReasonCode(list.find((r) => r.active)?.code ?? '');
    }, failed);
  }, [failed]);

  // The next page comes in before the reviewer reaches the end of this one.
  useEffect(() => {
    if (!next || loadingMore.current || items.length - selectedIndex > 10) return;
    loadingMore.current = true;
    page(filters, next)
      .then((page) => {
        // A page coming in is not what the reviewer is waiting for: rendered in slices that yield to keys.
        startTransition(() => {
          setItems((current) => [...current, ...page.items.filter((m) => !current.some((c) => c.id === m.id))]);
          setNext(page.next);
        });
      }, failed)
      .finally(() => (loadingMore.current = false));
  }, [next, items.length, selectedIndex, filters, failed]);

  // The message on screen is this reviewer's; if another reviewer has it, it leaves this list.
  useEffect(() => {
    if (!selected) return;
    const id = selected.id;
    // One claim at a time, in the order the reviewer moved: the last message selected is the one held.
    const claim = claims.current.then(() => call('staff.review.claim', { params: { id }, body: {} }));
    claims.current = claim.catch(() => undefined);
    claim.then(
      () => startTransition(() => setClaimedId(id)),
      (e: unknown) => {
        if (e instanceof ApiError && (e.code === 'claimed_by_other' || e.code === 'already_reviewed')) {
          setNotice(t(`review.error.${e.code}`));
          setItems((current) => current.filter((m) => m.id !== id));
        } else failed(e);
      },
    );
  }, [selected?.id]); // eslint-disable-line react-hooks/exhaustive-deps -- claim once per selected message

  // Selection follows into view and keeps the keyboard focus.
  useEffect(() => {
    if (!selected || rejecting) return;
    const element = document.querySelector<HTMLElement>(`[data-message="${CSS.escape(selected.id)}"]`);
    element?.scrollIntoView({ block: 'nearest' });
    if (document.activeElement !== element && !typing(document.activeElement)) element?.focus({ preventScroll: true });
  }, [selected, rejecting]);

  // The undo offer goes when the server's window has passed.
  useEffect(() => {
    if (!undo) return;
    const timer = setTimeout(() => setUndo(null), Math.max(0, undo.until - Date.now()));
    return () => clearTimeout(timer);
  }, [undo]);

  const decide = useCallback(
    (item: QueueItem, body: Decision) => {
      if (busy.current) return;
      busy.current = true;
      setError(null);
      setNotice(null);
      call('staff.review.decide', { params: { id: item.id }, body })
        .then((result) => {
          // Keys stay ignored until the list without this message is on screen (see the effect below).
          releaseAfterRender.current = true;
          const current = itemsRef.current;
          const index = current.findIndex((m) => m.id === item.id);
          const rest = current.filter((m) => m.id !== item.id);
          const decision = body.decision === 'reject' ? 'reject' : 'approve';
          // Rendered as a transition: React works in slices of a few ms, so no frame waits long on it.
          startTransition(() => {
            setItems(rest);
            // The one after it, which was just below: the reviewer's eyes are already there.
            setSelectedId(rest[Math.min(index, rest.length - 1)]?.id ?? null);
            setRejecting(false);
            setNote('');
            setNotice(t(`review.done.${decision}`));
            if (result.undoUntil)
              setUndo({ item, index, decision, until: Date.now() + (result.undoUntil - result.serverTime) });
          });
          // The counts follow every fifth decision (and on undo): a render less per decision keeps keys fast.
          decisions.current++;
          if (decisions.current % 5 === 0 || rest.length === 0) refreshSummary();
        })
        .catch((e: unknown) => {
          if (e instanceof ApiError && (e.code === 'claimed_by_other' || e.code === 'already_reviewed')) {
            releaseAfterRender.current = true;
            setItems((current) => current.filter((m) => m.id !== item.id));
            setRejecting(false);
          } else busy.current = false;
          failed(e);
        });
    },
    [failed, refreshSummary, t],
  );
  const takeBack = useCallback(() => {
    if (!undo || busy.current) return;
    busy.current = true;
    call('staff.review.undo', { params: { id: undo.item.id }, body: {} })
      .then(() => {
        setItems((current) => [...current.slice(0, undo.index), undo.item, ...current.slice(undo.index)]);
        setSelectedId(undo.item.id);
        setNotice(t('review.undone'));
        setUndo(null);
        refreshSummary();
      }, failed)
      .finally(() => (busy.current = false));
  }, [undo, failed, refreshSummary, t]);

  const state = useRef({ items, selected, rejecting, selectedIndex, decide, takeBack });
  useEffect(() => {
    state.current = { items, selected, rejecting, selectedIndex, decide, takeBack };
  });
  // After `state` above: a key pressed from now on acts on the message now on screen.
  useEffect(() => {
    if (!releaseAfterRender.current) return;
    releaseAfterRender.current = false;
    busy.current = false;
  }, [items]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const s = state.current;
      if (s.rejecting) return;
      if (event.key === 'u') {
        event.preventDefault();
        s.takeBack();
        return;
      }
      if (!s.selected || busy.current) return;
      if (event.key === 'a') {
        event.preventDefault();
        s.decide(s.selected, { decision: 'approve' });
      } else if (event.key === 'r') {
        event.preventDefault();
        setRejecting(true);
      } else if (['ArrowDown', 'ArrowUp', 'j', 'k'].includes(event.key)) {
        event.preventDefault();
        const step = event.key === 'ArrowDown' || event.key === 'j' ? 1 : -1;
        const target = s.items[Math.min(s.items.length - 1, Math.max(0, s.selectedIndex + step))];
        if (target) setSelectedId(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const submitReject = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!selected || !reasonCode) return;
    decide(selected, { decision: 'reject', reasonCode, ...(note.trim() ? { note: note.trim() } : {}) });
  };
  const label = (r: Reason) => (i18n.language.startsWith('es') ? r.labelEs : r.labelEn);

  return (
    <section aria-labelledby="queue-title" className="card stack">
      <h1 id="queue-title">{t('reviewQueue')}</h1>
      <ReviewSummaryLine summary={summary} />
      <ReviewFilters filters={filters} summary={summary} onChange={setFilters} />
      <Shortcuts />
      <div aria-live="polite" className="row">
        {notice && <p role="status">{notice}</p>}
        {undo && (
          <button type="button" className="button" onClick={takeBack}>
            {t('review.undo', { decision: t(`review.done.${undo.decision}`) })}
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
      {items.length === 0 ? (
        <p>{t('emptyQueue')}</p>
      ) : (
        <ul className="messages review-list" aria-label={t('reviewQueue')}>
          {items.slice(Math.max(0, selectedIndex - SHOWN_BEFORE), selectedIndex + SHOWN_AFTER + 1).map((m) => (
            <ReviewItem
              key={m.id}
              item={m}
              selected={m.id === selected?.id}
              claimed={m.id === claimedId}
              onSelect={setSelectedId}
            >
              {m.id === selected?.id &&
                (rejecting ? (
                  <form
                    className="stack"
                    onSubmit={submitReject}
                    onKeyDown={(e) => {
                      if (e.key === 'Escape') setRejecting(false);
                      // Enter submits from any control of the form (the reason list or the note).
                      if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) submitReject(e);
                    }}
                  >
                    <Labelled label={t('review.reason')}>
                      {(id) => (
                        <select
                          id={id}
                          value={reasonCode}
                          // The reason prompt opens on purpose (button or `r`): the cursor belongs in it.
                          autoFocus
                          onChange={(e) => setReasonCode(e.target.value)}
                        >
                          {reasons.map((r) => (
                            <option key={r.code} value={r.code}>
                              {label(r)}
                            </option>
                          ))}
                        </select>
                      )}
                    </Labelled>
                    <Labelled label={t('review.note')}>
                      {(id) => <input id={id} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />}
                    </Labelled>
                    <div className="row">
                      <button type="submit" className="button button--primary" disabled={!reasonCode}>
                        {t('staff.confirmReject')}
                      </button>
                      <button type="button" className="button" onClick={() => setRejecting(false)}>
                        {t('staff.cancel')}
                      </button>
                    </div>
                  </form>
                ) : (
                  <div className="row">
                    <button
                      type="button"
                      className="button button--primary"
                      onClick={() => decide(m, { decision: 'approve' })}
                    >
                      {t('approve')}
                    </button>
                    <button type="button" className="button" onClick={() => setRejecting(true)}>
                      {t('reject')}
                    </button>
                  </div>
                ))}
            </ReviewItem>
          ))}
        </ul>
      )}
      {next && <p className="tag">{t('review.moreLoading')}</p>}
    </section>
  );
}

function Shortcuts() {
  const { t } = useTranslation();
  const keys: [string, string][] = [
    ['j / ↓', 'next'],
    ['k / ↑', 'previous'],
    ['a', 'approve'],
    ['r', 'reject'],
    ['Enter', 'submit'],
    ['Esc', 'cancel'],
    ['u', 'undo'],
  ];
  return (
    <dl className="shortcuts" aria-label={t('review.shortcuts.title')}>
      {keys.map(([key, action]) => (
        <div key={action}>
          <dt>
            <kbd>{key}</kbd>
          </dt>
          <dd>{t(`review.shortcuts.${action}`)}</dd>
        </div>
      ))}
    </dl>
  );
}
