import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, routeUrl } from '../common/api';
import { ExportList, type ExportJobView } from '../common/ExportList';

/** How often the list is asked again while an export is being built. */
const REFRESH_MS = 2_000;

/**
 * "Download my data": the family's own export (messages both ways with photos, deposits), and
 * a released relative's export that staff handed to this account.
 */
export function MyDataCard({ run }: { run: (work: () => Promise<void>) => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const [jobs, setJobs] = useState<ExportJobView[]>([]);
  const load = useCallback(async () => {
    setJobs((await call('family.exports')).jobs);
  }, []);
  useEffect(() => void run(load), [load, run]);
  const building = jobs.some((job) => job.status === 'building' || job.status === 'requested');
  useEffect(() => {
    if (!building) return;
    const timer = setInterval(() => void load().catch(() => undefined), REFRESH_MS);
    return () => clearInterval(timer);
  }, [building, load]);
  return (
    <section className="card stack" aria-labelledby="my-data-title">
      <h2 id="my-data-title">{t('exports.myData')}</h2>
      <p>{t('exports.myDataHelp')}</p>
      <div className="row">
        <button
          type="button"
          className="button button--primary"
          disabled={building}
          onClick={() =>
            void run(async () => {
              await call('family.exports.start', { body: { language: i18n.language.startsWith('es') ? 'es' : 'en' } });
              await load();
            })
          }
        >
          {t('exports.downloadMyData')}
        </button>
      </div>
      <ExportList jobs={jobs} fileUrl={(job) => routeUrl('family.exports.file', { params: { id: job.id } })} />
    </section>
  );
}
