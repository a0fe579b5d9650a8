import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ReadingPosition } from '../../../api/ports';
import { BookError } from './book-error';
import { fillChapter } from './frame-fill';
import {
  applyLayout,
  firstVisibleRange,
  frameDocument,
  pageOf,
  showPage,
  type LayoutOptions,
  type ReaderMode,
} from './frame-layout';
import type { Book, Chapter } from './open-book';
import { cfiOf, rangeOf } from './position';

/** Where to go in a chapter once it is laid out. */
export type Target = { cfi: string } | { fragment: string } | { edge: 'start' | 'end' } | { fraction: number };

export interface ReaderLook {
  mode: ReaderMode;
  fontScale: number;
  /** Changes when the app's colours change (high contrast), so the frame follows them. */
  contrast: boolean;
}

export interface ReaderView {
  index: number;
  page: number;
  pages: number;
}

const clampIndex = (book: Book, index: number) => Math.min(Math.max(0, index), book.sections.length - 1);

/** The reader's look as the frame's layout needs it, with the colours the app gives the frame now. */
function layoutOptions(iframe: HTMLIFrameElement, look: ReaderLook): LayoutOptions {
  const colors = getComputedStyle(iframe);
  return { mode: look.mode, fontScale: look.fontScale, color: colors.color, background: colors.backgroundColor };
}

/**
 * The reader's place and the frame's layout. The place is the anchor CFI: it
 * moves only when the reader turns or jumps, never when the layout changes, so
 * a new font size, mode or window size lays out again and goes back to it. The
 * position is reported (`onPlace`) only once the stored one has been restored,
 * so opening a book can never save page 1 over where the reader was.
 */
export function useReader(
  book: Book,
  initial: ReadingPosition | null,
  look: ReaderLook,
  onPlace: (place: { index: number; fraction: number; cfi: string | null }) => void,
) {
  const frame = useRef<HTMLIFrameElement>(null);
  const start = (() => {
    const fromCfi = initial?.cfi ? book.chapterOfCfi(initial.cfi) : -1;
    return fromCfi >= 0 ? fromCfi : clampIndex(book, initial?.chapter ?? 0);
  })();
  const [view, setView] = useState<ReaderView>({ index: start, page: 0, pages: 1 });
  const [chapter, setChapter] = useState<{ index: number; content: Chapter } | null>(null);
  const [error, setError] = useState<BookError | null>(null);
  const latest = useRef(view);
  const anchor = useRef<string | null>(null);
  const pending = useRef<Target | null>(
    initial?.cfi && start === book.chapterOfCfi(initial.cfi)
      ? { cfi: initial.cfi }
      : { fraction: initial?.fraction ?? 0 },
  );
  const restored = useRef(false);
  // While a chapter is being put into the frame a slice at a time, nothing else lays it out or turns its pages.
  const [filling, setFilling] = useState(false);
  const fillingRef = useRef(false);
  const lookRef = useRef(look);
  const onPlaceRef = useRef(onPlace);
  // The latest values for the frame's callbacks, which run outside React's render.
  useLayoutEffect(() => {
    latest.current = view;
    lookRef.current = look;
    onPlaceRef.current = onPlace;
  });

  useEffect(() => {
    let live = true;
    book.chapter(view.index).then(
      (content) => live && setChapter({ index: view.index, content }),
      (reason: unknown) =>
        live && setError(reason instanceof BookError ? reason : new BookError('broken', String(reason))),
    );
    return () => {
      live = false;
    };
  }, [book, view.index]);

  const report = useCallback((index: number, page: number, pages: number) => {
    if (!restored.current) return;
    onPlaceRef.current({ index, fraction: pages > 1 ? page / pages : 0, cfi: anchor.current });
  }, []);

  const remember = useCallback(
    (doc: Document, index: number) => {
      const range = firstVisibleRange(doc, lookRef.current.mode);
      const section = book.sections[index];
      anchor.current = range && section ? cfiOf(section.cfi, range) : null;
    },
    [book],
  );

  /** Lays the loaded chapter out and goes to `target` (or back to the anchor). */
  const layoutAndGo = useCallback(
    (target: Target | null) => {
      const iframe = frame.current;
      const doc = frameDocument(iframe);
      const index = latest.current.index;
      if (!iframe || !doc) return;
      const { mode } = lookRef.current;
      const pages = applyLayout(iframe, doc, layoutOptions(iframe, lookRef.current));
      const goal = target ?? (anchor.current ? { cfi: anchor.current } : { edge: 'start' as const });
      let page = 0;
      if ('cfi' in goal) {
        const range = rangeOf(doc, goal.cfi);
        page = range ? pageOf(iframe, doc, mode, range) : 0;
      } else if ('fragment' in goal) {
        const element = doc.getElementById(goal.fragment) ?? doc.getElementsByName(goal.fragment)[0];
        page = element ? pageOf(iframe, doc, mode, element) : 0;
      } else if ('edge' in goal) page = goal.edge === 'end' ? pages - 1 : 0;
      else page = Math.round(goal.fraction * pages);
      page = Math.min(Math.max(0, page), pages - 1);
      showPage(iframe, doc, mode, page);
      if ('cfi' in goal && rangeOf(doc, goal.cfi)) anchor.current = goal.cfi;
      else remember(doc, index);
      pending.current = null;
      restored.current = true;
      latest.current = { index, page, pages };
      setView({ index, page, pages });
      report(index, page, pages);
    },
    [remember, report],
  );

  const goTo = useCallback(
    (index: number, target: Target) => {
      const next = clampIndex(book, index);
      if (next === latest.current.index && chapter?.index === next) {
        // The chapter is still going into the frame: go there once it is in.
        if (fillingRef.current) pending.current = target;
        else layoutAndGo(target);
        return;
      }
      pending.current = target;
      latest.current = { ...latest.current, index: next, page: 0 };
      setView((v) => ({ ...v, index: next, page: 0 }));
    },
    [book, chapter, layoutAndGo],
  );

  const turn = useCallback(
    (delta: 1 | -1) => {
      if (fillingRef.current) return;
      const { index, page, pages } = latest.current;
      const iframe = frame.current;
      const doc = frameDocument(iframe);
      const to = page + delta;
      if (iframe && doc && to >= 0 && to < pages) {
        showPage(iframe, doc, lookRef.current.mode, to);
        remember(doc, index);
        latest.current = { index, page: to, pages };
        setView({ index, page: to, pages });
        report(index, to, pages);
      } else if (delta > 0 && index + 1 < book.sections.length) goTo(index + 1, { edge: 'start' });
      else if (delta < 0 && index > 0) goTo(index - 1, { edge: 'end' });
    },
    [book, goTo, remember, report],
  );

  // A new font size, mode or colours: lay out again and go back to the anchor.
  useEffect(() => {
    if (restored.current && !fillingRef.current) layoutAndGo(null);
  }, [look.mode, look.fontScale, look.contrast, layoutAndGo]);

  // The window (or the frame's box) changed size: the same.
  useEffect(() => {
    const iframe = frame.current;
    if (!iframe) return;
    let width = iframe.clientWidth;
    let height = iframe.clientHeight;
    const observer = new ResizeObserver(() => {
      if (iframe.clientWidth === width && iframe.clientHeight === height) return;
      width = iframe.clientWidth;
      height = iframe.clientHeight;
      if (restored.current && !pending.current && !fillingRef.current) layoutAndGo(null);
    });
    observer.observe(iframe);
    return () => observer.disconnect();
  }, [chapter, layoutAndGo]);

  /**
   * The frame loaded the empty page for a chapter: the chapter goes in a slice
   * at a time (so no task holds the page for long), then it is laid out and
   * shows the place the reader asked for.
   */
  const onFrameLoad = useCallback(() => {
    const iframe = frame.current;
    const doc = frameDocument(iframe);
    if (!iframe || !doc || !chapter || chapter.index !== latest.current.index) return;
    doc.addEventListener('click', (event) => {
      const link = (event.target as Element | null)?.closest?.('[data-book-href]');
      const target = link ? book.resolveHref(link.getAttribute('data-book-href') ?? '') : null;
      if (!target) return;
      event.preventDefault();
      goTo(target.index, target.fragment ? { fragment: target.fragment } : { edge: 'start' });
    });
    fillingRef.current = true;
    setFilling(true);
    void fillChapter(iframe, doc, chapter.content, layoutOptions(iframe, lookRef.current)).then(
      (done) => {
        if (!done) return;
        fillingRef.current = false;
        setFilling(false);
        layoutAndGo(pending.current ?? { edge: 'start' });
      },
      (reason: unknown) => setError(new BookError('broken', `chapter ${chapter.index}: ${String(reason)}`)),
    );
  }, [book, chapter, goTo, layoutAndGo]);

  return {
    frame,
    view,
    chapter: chapter?.index === view.index ? chapter.content : null,
    error,
    filling,
    goTo,
    turn,
    onFrameLoad,
    anchor,
  };
}
