import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReadingPosition } from '../../api/ports';
import { useServices } from '../../api/services-context';
import { useLoad } from '../../api/use-load';
import { useSession } from '../../session/session';
import { LoadView } from '../../ui/LoadView';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { BookFrame } from './BookFrame';
import { openEpub, type EpubBook } from './epub';

const fontScales = [0.85, 1, 1.25, 1.5, 1.8];

interface Opened {
  book: EpubBook;
  position: ReadingPosition | null;
}

/** The eBook reader: page by page, font size, back where the reader left off, bookmarks. */
export default function BookScreen({ id, title }: { id: string; title: string }) {
  const { library } = useServices();
  const [load, reload] = useLoad<Opened>(async () => {
    const [url, position] = await Promise.all([library.bookUrl(id), library.readingPosition(id).catch(() => null)]);
    const response = await fetch(url); // local media only: the CSP's connect-src is 'self'
    if (!response.ok) throw new Error(`book ${response.status}`);
    return { book: openEpub(new Uint8Array(await response.arrayBuffer())), position };
  }, [library, id]);

  useEffect(() => {
    if (load.state !== 'ready') return;
    const urls = load.value.book.objectUrls;
    return () => urls.forEach((u) => URL.revokeObjectURL(u));
  }, [load]);

  return (
    <section className="screen screen--wide reader" aria-labelledby="screen-title">
      <ScreenHeader title={title} />
      <LoadView load={load} onRetry={reload}>
        {({ book, position }) => <Reader id={id} title={title} book={book} initial={position} />}
      </LoadView>
    </section>
  );
}

function Reader({
  id,
  title,
  book,
  initial,
}: {
  id: string;
  title: string;
  book: EpubBook;
  initial: ReadingPosition | null;
}) {
  const { t } = useTranslation();
  const { library } = useServices();
  const { beforeSignOut } = useSession();
  const [chapter, setChapter] = useState(Math.min(initial?.chapter ?? 0, Math.max(0, book.chapters.length - 1)));
  const [page, setPage] = useState(0);
  const [pages, setPages] = useState(1);
  const [fontIndex, setFontIndex] = useState(1);
  const [bookmarks, setBookmarks] = useState(initial?.bookmarks ?? []);
  // The fraction to restore once the chapter is laid out (after open, a font change, or a bookmark jump).
  const pendingFraction = useRef<number | null>(initial?.fraction ?? 0);
  const fraction = pages > 1 ? page / pages : 0;

  const onPages = useCallback((count: number) => {
    setPages(count);
    if (pendingFraction.current !== null) {
      setPage(Math.min(count - 1, Math.round(pendingFraction.current * count)));
      pendingFraction.current = null;
    } else setPage((p) => Math.min(p, count - 1));
  }, []);

  // Save where the reader is (debounced), so signing out and back in opens at the same page.
  const position: ReadingPosition = { chapter, fraction, bookmarks };
  const latest = useRef(position);
  useEffect(() => {
    latest.current = { chapter, fraction, bookmarks };
    const timer = window.setTimeout(
      () => void library.saveReadingPosition(id, latest.current).catch(() => undefined),
      600,
    );
    return () => window.clearTimeout(timer);
  }, [chapter, fraction, bookmarks, id, library]);
  useEffect(() => () => void library.saveReadingPosition(id, latest.current).catch(() => undefined), [id, library]);
  // Signing out from the book: the last page turn is saved before the session ends.
  useEffect(() => beforeSignOut(() => library.saveReadingPosition(id, latest.current)), [beforeSignOut, id, library]);

  const next = () => {
    if (page + 1 < pages) setPage(page + 1);
    else if (chapter + 1 < book.chapters.length) {
      pendingFraction.current = 0;
      setChapter(chapter + 1);
    }
  };
  const previous = () => {
    if (page > 0) setPage(page - 1);
    else if (chapter > 0) {
      pendingFraction.current = 0.9999;
      setChapter(chapter - 1);
    }
  };
  const setFont = (index: number) => {
    pendingFraction.current = fraction;
    setFontIndex(index);
  };

  const atEnd = chapter + 1 >= book.chapters.length && page + 1 >= pages;
  return (
    <div
      className="reader__body"
      onKeyDown={(event) => {
        if (event.key === 'ArrowRight' || event.key === 'PageDown') next();
        if (event.key === 'ArrowLeft' || event.key === 'PageUp') previous();
      }}
    >
      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={() => setFont(Math.max(0, fontIndex - 1))}
          disabled={fontIndex === 0}
        >
          {t('reader.smaller')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => setFont(Math.min(fontScales.length - 1, fontIndex + 1))}
          disabled={fontIndex === fontScales.length - 1}
        >
          {t('reader.larger')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() =>
            setBookmarks((b) => [
              ...b,
              { chapter, fraction, label: t('reader.where', { chapter: chapter + 1, page: page + 1, pages }) },
            ])
          }
        >
          {t('reader.addBookmark')}
        </button>
      </div>
      <BookFrame
        html={book.chapters[chapter] ?? ''}
        title={title}
        fontScale={fontScales[fontIndex] ?? 1}
        page={page}
        onPages={onPages}
      />
      <div className="reader__nav">
        <button
          type="button"
          className="button button--large"
          onClick={previous}
          disabled={chapter === 0 && page === 0}
        >
          {t('reader.previous')}
        </button>
        <p className="reader__where" data-testid="reader-where" aria-live="polite">
          {t('reader.where', { chapter: chapter + 1, page: page + 1, pages })}
        </p>
        <button type="button" className="button button--primary button--large" onClick={next} disabled={atEnd}>
          {t('reader.next')}
        </button>
      </div>
      {bookmarks.length > 0 && (
        <>
          <h2>{t('reader.bookmarks')}</h2>
          <ul className="cards">
            {bookmarks.map((b, i) => (
              <li key={i} className="card card--row">
                <span>{b.label}</span>
                <span className="button-row">
                  <button
                    type="button"
                    className="button"
                    onClick={() => {
                      pendingFraction.current = b.fraction;
                      if (b.chapter === chapter) setPage(Math.min(pages - 1, Math.round(b.fraction * pages)));
                      setChapter(b.chapter);
                    }}
                  >
                    {t('reader.goTo')}
                    <span className="visually-hidden">: {b.label}</span>
                  </button>
                  <button
                    type="button"
                    className="button"
                    onClick={() => setBookmarks((list) => list.filter((_, j) => j !== i))}
                  >
                    {t('reader.removeBookmark')}
                    <span className="visually-hidden">: {b.label}</span>
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
