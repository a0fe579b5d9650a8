import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../common/api';
import { errorText } from '../common/error-text';
import { Labelled } from '../common/Field';

/** Roster import from CSV, with each bad row named by its number. */
export function RosterImport() {
  const { t } = useTranslation();
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<{ imported: number; errors: { row: number; message: string }[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="card stack"
      aria-label={t('admin.roster')}
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        call('staff.roster', { body: { csv } }).then(setResult, (err: unknown) => setError(errorText(err, t)));
      }}
    >
      <h3>{t('admin.roster')}</h3>
      <p className="tag">doc_number, first_name, last_name, unit, language, pin, security_question, security_answer</p>
      <Labelled label={t('admin.rosterFile')}>
        {(id) => (
          <input
            id={id}
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => void e.target.files?.[0]?.text().then(setCsv)}
          />
        )}
      </Labelled>
      <button type="submit" className="button button--primary" disabled={!csv}>
        {t('admin.run')}
      </button>
      {result && (
        <div role="status">
          <p>{t('admin.imported', { count: result.imported })}</p>
          {result.errors.length > 0 && (
            <ul>
              {result.errors.map((row) => (
                <li key={row.row}>{t('admin.rowError', { row: row.row, message: row.message })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
    </form>
  );
}
