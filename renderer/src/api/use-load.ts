import { useCallback, useEffect, useState } from 'react';
import { KioskError } from '../../../shared/kiosk-api/errors';

export type Load<T> = { state: 'loading' } | { state: 'error'; error: KioskError } | { state: 'ready'; value: T };

/**
 * Runs one async read for a screen and keeps its latest result. `reload` runs it
 * again (after a send, or when core says the data changed). A result that
 * arrives after the screen moved on is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): [Load<T>, () => void] {
  const [result, setResult] = useState<Load<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps, react-hooks/use-memo -- the caller names what the read depends on
  const run = useCallback(load, deps);
  useEffect(() => {
    let live = true;
    run().then(
      (value) => live && setResult({ state: 'ready', value }),
      (error: unknown) => live && setResult({ state: 'error', error: KioskError.from(error) }),
    );
    return () => {
      live = false;
    };
  }, [run, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return [result, reload];
}
