import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './error-text';

/** Runs a request and shows what went wrong, if anything, as an alert (`view`) above the page. */
export function useError() {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (work: () => Promise<void>) => {
      setError(null);
      try {
        await work();
      } catch (e) {
        setError(errorText(e, t));
      }
    },
    [t],
  );
  const view = error ? (
    <p role="alert" className="notice notice--error">
      {error}
    </p>
  ) : null;
  return { run, view };
}
