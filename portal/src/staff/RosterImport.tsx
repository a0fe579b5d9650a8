import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RosterImportResult } from '../../../shared/portal-api/roster';
import { call } from '../common/api';
import { errorText } from '../common/error-text';
import { Labelled } from '../common/Field';

/**
 * Roster import from CSV in two steps: a dry run lists every row's outcome
 * (each problem in words, by code); only a file with no problem can be
 * committed, and the server writes all of it or nothing.
 */
export function RosterImport({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<RosterImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = (commit: boolean) => {
    setError(null);
    call('staff.roster.import', { body: { csv, commit } }).then(
      (r) => {
        setResult(r);
        if (r.committed) onImported();
      },
      (err: unknown) => setError(errorText(err, t)),
    );
  };
  const bad = result ? result.rows.filter((r) => r.outcome === 'error').length : 0;
  const ready =
    result !== null && !result.committed && result.fileProblem === null && bad === 0 && result.rows.length > 0;
  return (
    <form
      className="card stack"
      aria-label={t('admin.roster')}
      onSubmit={(e) => {
        e.preventDefault();
        run(false);
      }}
    >
      <h2>{t('admin.roster')}</h2>
      <p className="tag">doc_number, first_name, last_name, unit, language, pin, security_question, security_answer</p>
      <Labelled label={t('admin.rosterFile')}>
        {(id) => (
          <input
            id={id}
            type="file"
            accept=".csv,text/csv"
            data-testid="roster-import-file"
            onChange={(e) => {
              setResult(null);
              void e.target.files?.[0]?.text().then(setCsv);
            }}
          />
        )}
      </Labelled>
      <div className="row">
        <button type="submit" className="button" disabled={!csv} data-testid="roster-dry-run">
          {t('roster.dryRun')}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={!ready}
          data-testid="roster-commit"
          onClick={() => run(true)}
        >
          {t('roster.commit', { count: result?.rows.length ?? 0 })}
        </button>
      </div>
      {result && (
        <div role="status" className="stack">
          {result.committed ? (
            <p>{t('admin.imported', { count: result.imported })}</p>
          ) : result.fileProblem ? (
            <p className="notice notice--error">
              {t(`roster.fileProblem.${result.fileProblem.code}`, result.fileProblem.params)}
            </p>
          ) : (
            <p>{t('roster.dryRunSummary', { good: result.rows.length - bad, bad })}</p>
          )}
          {!result.committed && result.rows.length > 0 && (
            <div className="table-scroll">
              <table className="table" aria-label={t('roster.dryRunTable')}>
                <thead>
                  <tr>
                    <th scope="col">{t('roster.row')}</th>
                    <th scope="col">{t('docNumber')}</th>
                    <th scope="col">{t('roster.name')}</th>
                    <th scope="col">{t('roster.outcome')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.rows.map((row) => (
                    <tr key={row.row} data-testid={`import-row-${row.row}`}>
                      <td>{row.row}</td>
                      <td>{row.docNumber}</td>
                      <td>{row.name}</td>
                      <td>
                        {row.outcome === 'add'
                          ? t('roster.willAdd', { unit: row.unit })
                          : row.problems.map((p) => t(`roster.problem.${p.code}`, p.params)).join('; ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
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
