import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../common/api';
import { errorText } from '../common/error-text';
import { useWaited } from './ReviewFilters';
import type { Answer } from '../common/api';

type Throughput = Answer<'staff.review.stats'>;

/** How review keeps up: decided per reviewer per day (last 7 days), median wait, oldest waiting. */
export function ThroughputPage() {
  const { t } = useTranslation();
  const waited = useWaited();
  const [data, setData] = useState<Throughput | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('staff.review.stats').then(setData, (e: unknown) => setError(errorText(e, t)));
  }, [t]);
  return (
    <section aria-labelledby="throughput-title" className="card stack">
      <h1 id="throughput-title">{t('throughput.title')}</h1>
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
      {data && (
        <>
          <dl className="figures">
            <div>
              <dt>{t('throughput.waiting')}</dt>
              <dd>{data.waitingCount}</dd>
            </div>
            <div>
              <dt>{t('throughput.oldest')}</dt>
              <dd>{data.oldestWaitingAt === null ? '—' : waited(data.serverTime - data.oldestWaitingAt)}</dd>
            </div>
            <div>
              <dt>{t('throughput.median')}</dt>
              <dd>{data.medianWaitMs === null ? '—' : waited(data.medianWaitMs)}</dd>
            </div>
            <div>
              <dt>{t('throughput.decided')}</dt>
              <dd>{data.decidedCount}</dd>
            </div>
          </dl>
          <table>
            <caption>{t('throughput.perDay')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('throughput.day')}</th>
                <th scope="col">{t('throughput.reviewer')}</th>
                <th scope="col">{t('throughput.count')}</th>
              </tr>
            </thead>
            <tbody>
              {data.days.flatMap((day) =>
                day.reviewers.map((r) => (
                  <tr key={`${day.day}:${r.name}`}>
                    <td>{day.day}</td>
                    <td>{r.name}</td>
                    <td>{r.count}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
