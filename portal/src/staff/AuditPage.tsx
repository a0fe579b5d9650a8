import { useTranslation } from 'react-i18next';
import { AdminResult } from './AdminResult';
import { useAdminList } from './use-admin-list';

interface AuditRow {
  id: string;
  at: number;
  action: string;
  target: string | null;
  actor: string | null;
  oldValue: unknown;
  newValue: unknown;
}

const shown = (value: unknown) => (value === null || value === undefined ? '—' : JSON.stringify(value));

/** Every administrative change, newest first: who, when, what, old → new. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const list = useAdminList<AuditRow>('/api/staff/admin/audit');
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section aria-labelledby="audit-title" className="stack">
      <h1 id="audit-title" className="console-title">
        {t('audit.title')}
      </h1>
      <AdminResult status={list.status} error={list.error} />
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.who')}</th>
              <th scope="col">{t('audit.what')}</th>
              <th scope="col">{t('audit.target')}</th>
              <th scope="col">{t('audit.change')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items?.map((row) => (
              <tr key={row.id}>
                <td>{when.format(row.at)}</td>
                <td>{row.actor ?? t('audit.serverHost')}</td>
                <td>{t(`audit.actions.${row.action}`, { defaultValue: row.action })}</td>
                <td>{row.target ?? '—'}</td>
                <td>
                  {shown(row.oldValue)} → {shown(row.newValue)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
