import { useTranslation } from 'react-i18next';
import { call, routeUrl } from '../common/api';
import { ExportList } from '../common/ExportList';
import { useExportJobs } from '../common/use-export-jobs';

const familyExports = async () => (await call('family.exports')).jobs;

/**
 * "Download my data": the family's own export (messages both ways with photos, deposits), and
 * a released relative's export that staff handed to this account.
 */
export function MyDataCard({ run }: { run: (work: () => Promise<void>) => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const { jobs, load, building } = useExportJobs(familyExports, run);
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
