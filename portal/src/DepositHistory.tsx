import { useTranslation } from 'react-i18next';
import { money } from './api';

export interface DepositItem {
  id: string;
  name: string;
  amountCents: number;
  feeCents: number;
  status: 'completed' | 'not_delivered' | 'scheduled';
  recurrence: 'once' | 'weekly' | 'monthly' | null;
  at: number;
}

/** The family's deposits and receipts: amount, fee, status and date (in the reader's time zone). */
export function DepositHistory({ items }: { items: DepositItem[] }) {
  const { t, i18n } = useTranslation();
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section aria-labelledby="history-title" className="card">
      <h2 id="history-title">{t('history.title')}</h2>
      {items.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('history.date')}</th>
                <th scope="col">{t('history.to')}</th>
                <th scope="col">{t('history.amount')}</th>
                <th scope="col">{t('history.fee')}</th>
                <th scope="col">{t('history.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={`${d.status}-${d.id}`} data-testid="deposit-row">
                  <td>
                    <time dateTime={new Date(d.at).toISOString()}>{when.format(d.at)}</time>
                  </td>
                  <td>{d.name}</td>
                  <td>{money(d.amountCents, i18n.language)}</td>
                  <td>{money(d.feeCents, i18n.language)}</td>
                  <td>
                    {t(`history.${d.status}`)}
                    {d.status === 'scheduled' && d.recurrence && d.recurrence !== 'once' ? ` (${t(d.recurrence)})` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
