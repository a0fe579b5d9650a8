import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReadingPosition } from '../../api/ports';
import type { Book } from './reader/open-book';
import { searchBook, type SearchHit } from './reader/search';
import type { Target } from './reader/use-reader';

export type PanelName = 'contents' | 'bookmarks' | 'search';

interface PanelProps {
  name: PanelName;
  book: Book;
  title: string;
  current: number;
  bookmarks: ReadingPosition['bookmarks'];
  onGo: (index: number, target: Target) => void;
  onRemoveBookmark: (index: number) => void;
}

/** The reader's side panel: the book's table of contents, the reader's bookmarks, or search inside the book. */
export function ReaderPanel(props: PanelProps) {
  const { t } = useTranslation();
  return (
    <section className="reader__panel" aria-label={t(`reader.panel.${props.name}`)}>
      <h2>{t(`reader.panel.${props.name}`)}</h2>
      {props.name === 'contents' && <Contents {...props} />}
      {props.name === 'bookmarks' && <Bookmarks {...props} />}
      {props.name === 'search' && <Search {...props} />}
    </section>
  );
}

function Contents({ book, current, onGo }: PanelProps) {
  const { t } = useTranslation();
  if (book.toc.length === 0) return <p>{t('reader.noContents')}</p>;
  return (
    <nav aria-label={t('reader.panel.contents')}>
      <ol className="reader__toc" data-testid="reader-toc">
        {book.toc.map((entry, i) => (
          <li key={i} style={{ marginInlineStart: `${Math.min(entry.depth, 4)}rem` }}>
            <button
              type="button"
              className="button reader__toc-entry"
              aria-current={entry.index === current ? 'true' : undefined}
              onClick={() => {
                const target = book.resolveHref(entry.href);
                if (target) onGo(target.index, target.fragment ? { fragment: target.fragment } : { edge: 'start' });
              }}
            >
              {entry.label}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Bookmarks({ bookmarks, onGo, onRemoveBookmark }: PanelProps) {
  const { t } = useTranslation();
  if (bookmarks.length === 0) return <p>{t('reader.noBookmarks')}</p>;
  return (
    <ul className="cards">
      {bookmarks.map((b, i) => (
        <li key={i} className="card card--row">
          <span>{b.label}</span>
          <span className="button-row">
            <button
              type="button"
              className="button"
              onClick={() => onGo(b.chapter, b.cfi ? { cfi: b.cfi } : { fraction: b.fraction })}
            >
              {t('reader.goTo')}
              <span className="visually-hidden">: {b.label}</span>
            </button>
            <button type="button" className="button" onClick={() => onRemoveBookmark(i)}>
              {t('reader.removeBookmark')}
              <span className="visually-hidden">: {b.label}</span>
            </button>
          </span>
        </li>
      ))}
    </ul>
  );
}

function Search({ book, title, onGo }: PanelProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [state, setState] = useState<{ busy: boolean; hits: SearchHit[] | null }>({ busy: false, hits: null });
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);

  const run = () => {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setState({ busy: true, hits: null });
    void searchBook(book, query, title, controller.signal).then((hits) => {
      if (!controller.signal.aborted) setState({ busy: false, hits });
    });
  };

  return (
    <>
      <form
        className="reader__search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          run();
        }}
      >
        <label htmlFor="reader-search">{t('reader.searchLabel')}</label>
        <input
          id="reader-search"
          type="search"
          value={query}
          maxLength={100}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="submit" className="button button--primary" disabled={query.trim().length < 2}>
          {t('reader.searchButton')}
        </button>
      </form>
      <div aria-live="polite">
        {state.busy && <p>{t('reader.searching')}</p>}
        {state.hits && <p>{t('reader.searchCount', { count: state.hits.length })}</p>}
      </div>
      {state.hits && state.hits.length > 0 && (
        <ol className="reader__hits" data-testid="reader-hits">
          {state.hits.map((hit, i) => (
            <li key={i}>
              <button type="button" className="button reader__hit" onClick={() => onGo(hit.index, { cfi: hit.cfi })}>
                {hit.excerpt}
              </button>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
