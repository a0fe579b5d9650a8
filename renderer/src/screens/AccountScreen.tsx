import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../api/ports';
import { useServices } from '../api/services-context';
import { useLoad } from '../api/use-load';
import { formatCents, formatDate, formatDateTime } from '../ui/format';
import { ledgerLabelText } from '../ui/ledger-label-text';
import { LoadView } from '../ui/LoadView';
import { ScreenHeader } from '../ui/ScreenHeader';
import { usePlace } from '../ui/use-place';

/** Balance (with when it was last known), recent money in and out, scheduled deposits, the release card. */
export default function AccountScreen() {
  const place = usePlace();
  const { t } = useTranslation();
  const { account } = useServices();
  const [load, reload] = useLoad<AccountSummary>(() => account.summary(), [account]);
  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenHeader title={t('account.heading')} />
      <LoadView load={load} onRetry={reload}>
        {(a) => (
          <>
            <div className="balance">
              <p className="balance__label">{t('account.balance')}</p>
              <p className="balance__amount" data-testid="balance">
                {formatCents(a.balanceCents, place)}
              </p>
              <p className="muted">{t('account.asOf', { time: formatDateTime(a.asOf, place) })}</p>
            </div>
            <h2>{t('account.releaseCard')}</h2>
            <p>
              {t(`account.card.${a.releaseCard.status}`)}
              {a.releaseCard.lastFour && ` (•••• ${a.releaseCard.lastFour})`}
            </p>
            <h2>{t('account.scheduled')}</h2>
            {a.scheduledDeposits.length === 0 ? (
              <p className="empty">{t('account.noScheduled')}</p>
            ) : (
              <ul className="cards">
                {a.scheduledDeposits.map((d) => (
                  <li key={d.id} className="card card--row">
                    <span>{t('account.depositFrom', { name: d.from, date: formatDate(d.dueAt, place) })}</span>
                    <strong>{formatCents(d.amountCents, place)}</strong>
                  </li>
                ))}
              </ul>
            )}
            <h2>{t('account.transactions')}</h2>
            {a.transactions.length === 0 ? (
              <p className="empty">{t('account.noTransactions')}</p>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('account.date')}</th>
                    <th scope="col">{t('account.description')}</th>
                    <th scope="col" className="num">
                      {t('account.amount')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {a.transactions.map((tx) => (
                    <tr key={tx.id}>
                      <td>{formatDate(tx.at, place)}</td>
                      <td>{ledgerLabelText(tx.label, t)}</td>
                      <td className={`num ${tx.amountCents < 0 ? 'num--out' : 'num--in'}`}>
                        {formatCents(tx.amountCents, place)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </LoadView>
    </section>
  );
}
