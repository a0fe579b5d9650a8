import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, routeUrl, type Answer } from '../common/api';
import { ExportList } from '../common/ExportList';
import { useExportJobs } from '../common/use-export-jobs';
import { Field } from '../common/Field';
import { useError } from '../common/use-error';

const staffExports = async () => (await call('staff.exports')).jobs;

/**
 * Admins: export the whole facility (to move it to another server) or one person's data (a
 * released person's is built at release), hand a person's export over by a download link, and
 * see every export ever asked for: who, whose and when (the audit).
 */
export function ExportsPage() {
  const { t } = useTranslation();
  const { run, view } = useError();
  const [docNumber, setDocNumber] = useState('');
  const [link, setLink] = useState<Answer<'staff.exports.link'> | null>(null);
  const { jobs, load } = useExportJobs(staffExports, run);
  const start = (work: () => Promise<unknown>) =>
    void run(async () => {
      await work();
      await load();
    });
  return (
    <div className="stack">
      <h1 className="console-title">{t('menu.exports')}</h1>
      {view}
      <section className="card stack" aria-labelledby="export-facility">
        <h2 id="export-facility">{t('exports.facilityTitle')}</h2>
        <p>{t('exports.facilityHelp')}</p>
        <button
          type="button"
          className="button button--primary"
          onClick={() => start(() => call('staff.exports.facility'))}
        >
          {t('exports.exportFacility')}
        </button>
      </section>
      <form
        className="card stack"
        aria-labelledby="export-person"
        onSubmit={(e) => {
          e.preventDefault();
          start(() => call('staff.exports.inmate', { body: { docNumber } }));
        }}
      >
        <h2 id="export-person">{t('exports.personTitle')}</h2>
        <Field
          label={t('exports.docNumber')}
          value={docNumber}
          onChange={(e) => setDocNumber(e.target.value)}
          required
        />
        <button type="submit" className="button button--primary">
          {t('exports.exportPerson')}
        </button>
      </form>
      {link && (
        <p role="status" className="notice">
          {t('exports.linkMade', { date: new Date(link.expiresAt).toLocaleString() })} <code>{link.url}</code>
        </p>
      )}
      <section className="card stack" aria-labelledby="export-list">
        <h2 id="export-list">{t('exports.listTitle')}</h2>
        <ExportList
          jobs={jobs}
          fileUrl={(job) => routeUrl('staff.exports.file', { params: { id: job.id } })}
          action={(job) =>
            job.kind === 'facility' ? null : (
              <button
                type="button"
                className="button"
                onClick={() =>
                  void run(async () => setLink(await call('staff.exports.link', { params: { id: job.id } })))
                }
              >
                {t('exports.makeLink')}
              </button>
            )
          }
        />
      </section>
    </div>
  );
}
