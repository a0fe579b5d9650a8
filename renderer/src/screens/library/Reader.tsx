import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReadingPosition } from '../../api/ports';
import { useServices } from '../../api/services-context';
import { useSession } from '../../session/session';
import { useSettings } from '../../settings/settings';
import { Loading } from '../../ui/Loading';
import { BookFrame } from './BookFrame';
import { ReaderPanel, type PanelName } from './ReaderPanels';
import { frameDocument, visibleText, type ReaderMode } from './reader/frame-layout';
import type { Book } from './reader/open-book';
import { frameSource } from './reader/position';
import { useReader } from './reader/use-reader';
import { useSpeech } from './reader/use-speech';

const fontScales = [0.85, 1, 1.25, 1.5, 1.8, 2.2];
type Bookmark = ReadingPosition['bookmarks'][number];

/** Reading one opened book: pages or scrolling, contents, bookmarks, search, text size, contrast, reading aloud. */
export function Reader({
  id,
  title,
  book,
  initial,
}: {
  id: string;
  title: string;
  book: Book;
  initial: ReadingPosition | null;
}) {
  const { t } = useTranslation();
  const { library } = useServices();
  const { beforeSignOut } = useSession();
  const { highContrast, setHighContrast } = useSettings();
  const [fontIndex, setFontIndex] = useState(1);
  const [mode, setMode] = useState<ReaderMode>('paginated');
  const [panel, setPanel] = useState<PanelName | null>(null);
  const [bookmarks, setBookmarks] = useState<Bookmark[]>(initial?.bookmarks ?? []);
  const [place, setPlace] = useState<{ index: number; fraction: number; cfi: string | null } | null>(null);
  const speech = useSpeech();
  const look = useMemo(
    () => ({ mode, fontScale: fontScales[fontIndex] ?? 1, contrast: highContrast }),
    [mode, fontIndex, highContrast],
  );
  const reader = useReader(book, initial, look, setPlace);
  const { view, turn, goTo, frame, chapter } = reader;

  // Save where the reader is (debounced) once it is known: never before the stored place was restored.
  const latest = useRef<ReadingPosition | null>(null);
  useEffect(() => {
    if (!place) return;
    latest.current = {
      chapter: place.index,
      fraction: Math.min(1, Math.max(0, place.fraction)),
      ...(place.cfi ? { cfi: place.cfi } : {}),
      bookmarks,
    };
    const timer = window.setTimeout(() => {
      if (latest.current) void library.saveReadingPosition(id, latest.current).catch(() => undefined);
    }, 500);
    return () => window.clearTimeout(timer);
  }, [place, bookmarks, id, library]);
  useEffect(
    () => () => {
      if (latest.current) void library.saveReadingPosition(id, latest.current).catch(() => undefined);
    },
    [id, library],
  );
  // Signing out from the book: the last page turn is saved before the session ends.
  useEffect(
    () =>
      beforeSignOut(() =>
        latest.current ? library.saveReadingPosition(id, latest.current) : Promise.resolve(undefined),
      ),
    [beforeSignOut, id, library],
  );

  // Reading aloud: the page on screen, then the next page, until the end or "Stop".
  const { reading, speak, setReading } = speech;
  useEffect(() => {
    if (!reading || !chapter || reader.filling) return;
    const iframe = frame.current;
    const doc = frameDocument(iframe);
    if (!iframe || !doc) return;
    const atEnd = view.index + 1 >= book.sections.length && view.page + 1 >= view.pages;
    speak(visibleText(iframe, doc, mode), chapter.lang, () => (atEnd ? setReading(false) : turn(1)));
  }, [reading, chapter, reader.filling, view, mode, book, frame, speak, setReading, turn]);

  const where = t('reader.where', { chapter: view.index + 1, page: view.page + 1, pages: view.pages });
  const addBookmark = () => {
    const cfi = reader.anchor.current;
    setBookmarks((list) => [
      ...list.filter((b) => !cfi || b.cfi !== cfi),
      {
        chapter: view.index,
        fraction: view.pages > 1 ? view.page / view.pages : 0,
        ...(cfi ? { cfi } : {}),
        label: where,
      },
    ]);
  };

  const atStart = view.index === 0 && view.page === 0;
  const atEnd = view.index + 1 >= book.sections.length && view.page + 1 >= view.pages;
  // The frame loads an empty page for the chapter; the chapter goes into it a slice at a time (use-reader).
  const source = useMemo(
    () => (chapter ? frameSource('', chapter.lang, title, view.index) : ''),
    [chapter, title, view.index],
  );

  return (
    <div
      className="reader__body"
      onKeyDown={(event) => {
        if (event.target instanceof HTMLInputElement) return;
        if (event.key === 'ArrowRight' || event.key === 'PageDown') turn(1);
        if (event.key === 'ArrowLeft' || event.key === 'PageUp') turn(-1);
      }}
    >
      <div className="reader__tools" role="toolbar" aria-label={t('reader.tools')}>
        {(['contents', 'bookmarks', 'search'] as const).map((name) => (
          <button
            key={name}
            type="button"
            className="button button--toggle"
            aria-pressed={panel === name}
            onClick={() => setPanel(panel === name ? null : name)}
          >
            {t(`reader.panel.${name}`)}
          </button>
        ))}
        <button
          type="button"
          className="button"
          onClick={() => setFontIndex(Math.max(0, fontIndex - 1))}
          disabled={fontIndex === 0}
        >
          {t('reader.smaller')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => setFontIndex(Math.min(fontScales.length - 1, fontIndex + 1))}
          disabled={fontIndex === fontScales.length - 1}
        >
          {t('reader.larger')}
        </button>
        <button
          type="button"
          className="button button--toggle"
          aria-pressed={mode === 'scrolled'}
          onClick={() => setMode(mode === 'paginated' ? 'scrolled' : 'paginated')}
        >
          {t('reader.scrolled')}
        </button>
        <button
          type="button"
          className="button button--toggle"
          aria-pressed={highContrast}
          onClick={() => setHighContrast(!highContrast)}
        >
          {t('reader.contrast')}
        </button>
        {speech.supported && (
          <button
            type="button"
            className="button button--toggle"
            aria-pressed={reading}
            onClick={() => (reading ? speech.stop() : setReading(true))}
          >
            {reading ? t('reader.stopReading') : t('reader.readAloud')}
          </button>
        )}
        <button type="button" className="button" onClick={addBookmark}>
          {t('reader.addBookmark')}
        </button>
      </div>
      <div className={panel ? 'reader__layout reader__layout--panel' : 'reader__layout'}>
        {panel && (
          <ReaderPanel
            name={panel}
            book={book}
            title={title}
            current={view.index}
            bookmarks={bookmarks}
            onGo={(index, target) => goTo(index, target)}
            onRemoveBookmark={(i) => setBookmarks((list) => list.filter((_, j) => j !== i))}
          />
        )}
        <div className="reader__page" aria-busy={reader.filling || !chapter}>
          {reader.error ? (
            <p className="notice notice--error" role="alert" data-testid="book-problem">
              {t(`reader.problem.${reader.error.problem}`)}
            </p>
          ) : (
            !chapter && <Loading />
          )}
          <BookFrame frameRef={frame} source={source} title={title} onLoad={reader.onFrameLoad} />
        </div>
      </div>
      <div className="reader__nav">
        <button type="button" className="button button--large" onClick={() => turn(-1)} disabled={atStart}>
          {t('reader.previous')}
        </button>
        <p
          className="reader__where"
          data-testid="reader-where"
          data-cfi={reader.anchor.current ?? ''}
          aria-live="polite"
        >
          {where}
        </p>
        <button type="button" className="button button--primary button--large" onClick={() => turn(1)} disabled={atEnd}>
          {t('reader.next')}
        </button>
      </div>
    </div>
  );
}
