import { facilityLocale } from '../../../shared/domain/locale';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DepositHistoryItem } from '../../../shared/domain/deposit-history';
import { money } from '../common/api';
import type { Answer } from '../common/api';

/** An active scheduled or recurring deposit, as `GET /api/family/deposits/scheduled` gives it. */
export type ScheduledDeposit = Answer<'family.deposits.scheduled'>[number];

/** One active schedule: what, to whom, when next; a declined last run said plainly; Cancel asks once more before it acts. */
function ScheduleRow({ schedule, onCancel }: { schedule: ScheduledDeposit; onCancel: (id: string) => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);
  useEffect(() => {
    // Focus follows the step: to "Keep it" when asked, back to Cancel when kept.
    if (confirming) keep.current?.focus();
    else if (opened.current) cancel.current?.focus();
    opened.current = confirming;
  }, [confirming]);
  const day = new Intl.DateTimeFormat(facilityLocale(i18n.language), { dateStyle: 'medium' });
  const amount = money(schedule.amount_cents, i18n.language);
  const questionId = `cancel-question-${schedule.id}`;
  return (
    <li data-testid="schedule-row" className="schedule">
      <p>
        <strong>{amount}</strong> {t('schedules.to', { name: schedule.name })} · {t(schedule.recurrence)} ·{' '}
        {t('schedules.next', { date: day.format(schedule.next_at) })}
      </p>
      {schedule.lastRun?.status === 'declined' && (
        <p className="notice notice--error" data-testid="schedule-declined">
          {t('schedules.declined', { date: day.format(schedule.lastRun.due_at) })}
        </p>
      )}
      {confirming ? (
        <div className="row" role="group" aria-labelledby={questionId}>
          <p id={questionId}>{t('schedules.confirm', { amount, name: schedule.name })}</p>
          <button
            type="button"
            className="button button--danger"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void onCancel(schedule.id).finally(() => {
                setBusy(false);
                setConfirming(false);
              });
            }}
          >
            {t('schedules.yes')}
          </button>
          <button ref={keep} type="button" className="button" disabled={busy} onClick={() => setConfirming(false)}>
            {t('schedules.keep')}
          </button>
        </div>
      ) : (
        <button ref={cancel} type="button" className="button" onClick={() => setConfirming(true)}>
          {t('schedules.cancel')}
        </button>
      )}
    </li>
  );
}

/**
 * The family's deposits and receipts: amount, fee, status and date (in the
 * reader's time zone); above them the active scheduled and recurring
 * deposits, each of which can be cancelled.
 */
export function DepositHistory({
  items,
  schedules = [],
  onCancel,
  cancelled = false,
}: {
  items: DepositHistoryItem[];
  schedules?: ScheduledDeposit[];
  onCancel?: (id: string) => Promise<void>;
  /** A schedule was just cancelled: say so. */
  cancelled?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const when = new Intl.DateTimeFormat(facilityLocale(i18n.language), { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section aria-labelledby="history-title" className="card">
      <h2 id="history-title">{t('history.title')}</h2>
      {onCancel && schedules.length > 0 && (
        <>
          <h3 id="schedules-title">{t('schedules.title')}</h3>
          <ul className="schedules" aria-labelledby="schedules-title">
            {schedules.map((s) => (
              <ScheduleRow key={s.id} schedule={s} onCancel={onCancel} />
            ))}
          </ul>
        </>
      )}
      {cancelled && <p role="status">{t('schedules.cancelled')}</p>}
      {items.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        // A list on a narrow screen (styles.css: each row a card, each cell with its heading); where it
        // still scrolls, the region takes focus, so the keyboard can scroll it.
        <div className="table-scroll" role="region" aria-label={t('history.table')} tabIndex={0}>
          <table className="table table--stacked">
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
                  <td data-label={t('history.date')}>
                    <time dateTime={new Date(d.at).toISOString()}>{when.format(d.at)}</time>
                  </td>
                  <td data-label={t('history.to')}>{d.name}</td>
                  <td data-label={t('history.amount')}>{money(d.amountCents, i18n.language)}</td>
                  <td data-label={t('history.fee')}>{money(d.feeCents, i18n.language)}</td>
                  <td data-label={t('history.status')}>
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
