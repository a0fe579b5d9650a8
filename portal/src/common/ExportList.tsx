import { useTranslation } from 'react-i18next';
import type { Answer } from './api';

/** An export as the server lists it (shared/portal-api/exports.ts `ExportJob`). */
export type ExportJobView = Answer<'staff.exports'>['jobs'][number];

const megabytes = (bytes: number) => Math.max(0.1, Math.round(bytes / 104_857.6) / 10);

/** The exports asked for, newest first: progress while one is built, a download link once it is ready. */
export function ExportList({
  jobs,
  fileUrl,
  action,
}: {
  jobs: ExportJobView[];
  fileUrl: (job: ExportJobView) => string;
  /** Something more to do with a ready export (staff: make a download link). */
  action?: (job: ExportJobView) => React.ReactNode;
}) {
  const { t, i18n } = useTranslation();
  if (jobs.length === 0) return <p>{t('exports.none')}</p>;
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <ul className="stack" aria-label={t('exports.listTitle')}>
      {jobs.map((job) => (
        <li key={job.id} className="row">
          <span>
            {t(`exports.kind.${job.kind}`, { name: job.subjectName })} · {date.format(job.createdAt)} ·{' '}
            {t(`exports.by.${job.requestedByKind}`)}
          </span>
          {(job.status === 'building' || job.status === 'requested') && (
            <progress
              max={Math.max(1, job.progressTotal)}
              value={job.progressDone}
              aria-label={t('exports.building', { name: job.subjectName })}
            />
          )}
          {job.status === 'failed' && <span className="notice notice--error">{t('exports.failed')}</span>}
          {job.status === 'ready' && (
            <a className="button" href={fileUrl(job)} download>
              {t('exports.downloadFile', { size: megabytes(job.bytes ?? 0) })}
            </a>
          )}
          {job.status === 'ready' && action?.(job)}
        </li>
      ))}
    </ul>
  );
}
