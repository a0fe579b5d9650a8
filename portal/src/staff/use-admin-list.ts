import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../common/error-text';

/** A list an admin page shows and changes: loaded, reloaded after each change, with one status and error line. */
export function useAdminList<T>(load: () => Promise<T[]>) {
  const { t } = useTranslation();
  const [items, setItems] = useState<T[] | null>(null);
  // The loader is the page's own (a new function each render): the first one is kept.
  const [loader] = useState(() => load);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    loader().then(setItems, (err: unknown) => setError(errorText(err, t)));
  }, [loader, t]);
  useEffect(reload, [reload]);
  /** Runs a change; on success says `done` and reloads the list. */
  const change = (call: Promise<unknown>, done: string) => {
    setError(null);
    setStatus(null);
    call.then(
      () => {
        setStatus(done);
        reload();
      },
      (err: unknown) => setError(errorText(err, t)),
    );
  };
  return { items, status, error, change };
}
