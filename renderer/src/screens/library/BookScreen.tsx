import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReadingPosition } from '../../api/ports';
import { useServices } from '../../api/services-context';
import { Loading } from '../../ui/Loading';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { Reader } from './Reader';
import { BookError } from './reader/book-error';
import { openBook, type Book } from './reader/open-book';

type Opening =
  | { state: 'loading' }
  | { state: 'failed'; error: BookError }
  | { state: 'ready'; book: Book; position: ReadingPosition | null };

/**
 * The eBook reader: opens the book (unpacked in a worker under the limits,
 * parsed by foliate-js, each chapter sanitised), then reads it. A book that
 * cannot be read says why in words, tells the device's diagnostics the
 * reason, and offers to try again only when trying again can help.
 */
export default function BookScreen({ id, title }: { id: string; title: string }) {
  const { t } = useTranslation();
  const { library } = useServices();
  const [opening, setOpening] = useState<Opening>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    let opened: Book | null = null;
    (async () => {
      const [url, position] = await Promise.all([
        library.bookUrl(id).catch((e: unknown) => {
          throw new BookError('unavailable', e instanceof Error ? e.message : String(e));
        }),
        library.readingPosition(id).catch(() => null),
      ]);
      opened = await openBook(url);
      if (live) setOpening({ state: 'ready', book: opened, position });
      else opened.close();
    })().catch((reason: unknown) => {
      const error = reason instanceof BookError ? reason : new BookError('broken', String(reason));
      if (!live) return;
      void library.reportBookProblem(id, error.problem, error.message).catch(() => undefined);
      setOpening({ state: 'failed', error });
    });
    return () => {
      live = false;
      opened?.close();
    };
  }, [library, id, attempt]);

  return (
    <section className="screen screen--wide reader" aria-labelledby="screen-title">
      <ScreenHeader title={title} />
      {opening.state === 'loading' && <Loading />}
      {opening.state === 'failed' && (
        <div className="notice notice--error reader__problem" role="alert" data-testid="book-problem">
          <h2>{t('reader.problem.heading')}</h2>
          <p>{t(`reader.problem.${opening.error.problem}`)}</p>
          {opening.error.retryable && (
            <button
              type="button"
              className="button button--primary"
              onClick={() => {
                setOpening({ state: 'loading' });
                setAttempt((a) => a + 1);
              }}
            >
              {t('reader.problem.retry')}
            </button>
          )}
        </div>
      )}
      {opening.state === 'ready' && <Reader id={id} title={title} book={opening.book} initial={opening.position} />}
    </section>
  );
}
