import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../common/api';
import { errorText } from '../common/error-text';

/** A list an admin page shows and changes: loaded, reloaded after each change, with one status and error line. */
export function useAdminList<T>(path: string, initial: T[] | null = null) {
  const { t } = useTranslation();
  const [items, setItems] = useState<T[] | null>(initial);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api<T[]>('GET', path).then(setItems, (err: unknown) => setError(errorText(err, t)));
  }, [path, t]);
  useEffect(load, [load]);
  /** Runs a change; on success says `done` and reloads the list. */
  const change = (call: Promise<unknown>, done: string) => {
    setError(null);
    setStatus(null);
    call.then(
      () => {
        setStatus(done);
        load();
      },
      (err: unknown) => setError(errorText(err, t)),
    );
  };
  return { items, status, error, change };
}
