import { useState, type ReactNode } from 'react';
import { errorText } from '../common/error-text';
import { useTranslation } from 'react-i18next';

/** One small form with its own result line; errors are shown in words, nothing half-done. */
export function Tool({
  title,
  children,
  onRun,
  result,
}: {
  title: string;
  children?: ReactNode;
  onRun: () => Promise<string>;
  result?: string | null;
}) {
  const { t } = useTranslation();
  const [output, setOutput] = useState<string | null>(result ?? null);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="card stack"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        onRun().then(setOutput, (err: unknown) => setError(errorText(err, t)));
      }}
    >
      <h3>{title}</h3>
      {children}
      <button type="submit" className="button button--primary">
        {t('admin.run')}
      </button>
      {output && <p role="status">{output}</p>}
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
    </form>
  );
}
