import { useCallback, useEffect, useRef, useState } from 'react';
import { KioskError } from '../../../../shared/kiosk-api/errors';
import type { InboxFilter, InboxPort, InboxRow } from '../../api/ports';

const pageSize = 60;

export interface InboxWindow {
  total: number | null;
  row: (index: number) => InboxRow | undefined;
  /** Ask for the rows in [start, end); pages not yet loaded are fetched once each. */
  want: (start: number, end: number) => void;
  error: KioskError | null;
  reload: () => void;
}

/**
 * The inbox as pages fetched on demand: the list asks for what it shows and
 * each page is fetched once. The owner mounts it with a `key` per filter and
 * search, so a new query starts from empty state; core's "inbox changed"
 * refetches what is loaded.
 */
export function useInboxPages(inbox: InboxPort, filter: InboxFilter, search: string): InboxWindow {
  const pages = useRef(new Map<number, InboxRow[]>());
  const inFlight = useRef(new Set<number>());
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<KioskError | null>(null);
  const [, setVersion] = useState(0);
  const [generation, setGeneration] = useState(0);
  const current = useRef(0);

  const fetchPage = useCallback(
    (page: number) => {
      if (pages.current.has(page) || inFlight.current.has(page)) return;
      inFlight.current.add(page);
      const asked = current.current;
      inbox.list({ filter, search, offset: page * pageSize, limit: pageSize }).then(
        (result) => {
          if (asked !== current.current) return; // a newer reload won
          inFlight.current.delete(page);
          pages.current.set(page, result.rows);
          setError(null);
          setTotal(result.total);
          setVersion((v) => v + 1);
        },
        (e: unknown) => {
          inFlight.current.delete(page);
          if (asked === current.current) setError(KioskError.from(e));
        },
      );
    },
    [inbox, filter, search],
  );

  useEffect(() => {
    current.current += 1;
    const loaded = [...pages.current.keys()];
    pages.current = new Map();
    inFlight.current = new Set();
    for (const page of loaded.length ? loaded : [0]) fetchPage(page);
  }, [fetchPage, generation]);

  useEffect(() => inbox.onChanged(() => setGeneration((g) => g + 1)), [inbox]);

  const want = useCallback(
    (start: number, end: number) => {
      for (let page = Math.floor(start / pageSize); page <= Math.floor(Math.max(start, end - 1) / pageSize); page++) {
        fetchPage(page);
      }
    },
    [fetchPage],
  );
  const row = (index: number) => pages.current.get(Math.floor(index / pageSize))?.[index % pageSize];
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { total, row, want, error, reload };
}
