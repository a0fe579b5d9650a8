import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Labelled } from '../common/Field';
import type { Answer } from '../common/api';
import type { PortalRoutes } from '../../../shared/portal-api/contract';
import type { RouteInput } from '../../../shared/portal-api/define';

/** What the queue can be narrowed to (the contract's query, without paging). */
export type Filters = Omit<RouteInput<PortalRoutes['staff.review.queue']>['query'], 'after' | 'limit'>;
export type Summary = Answer<'staff.review.summary'>;

/** "3 h 12 min": how long something has waited, in the reader's language. */
export function useWaited() {
  const { t } = useTranslation();
  return (ms: number) => {
    const minutes = Math.max(0, Math.floor(ms / 60_000));
    const hours = Math.floor(minutes / 60);
    const days = Math.floor(hours / 24);
    if (days > 0) return t('review.age.days', { days, hours: hours % 24 });
    if (hours > 0) return t('review.age.hours', { hours, minutes: minutes % 60 });
    return t('review.age.minutes', { minutes });
  };
}

/** Counts per kind and the age of the oldest waiting message. */
export const ReviewSummaryLine = memo(function ReviewSummaryLine({ summary }: { summary: Summary | null }) {
  const { t } = useTranslation();
  const waited = useWaited();
  if (!summary) return null;
  return (
    <p className="summary" aria-live="polite">
      {t('review.summary', {
        total: summary.total,
        text: summary.byKind.text,
        photo: summary.byKind.photo,
        ecard: summary.byKind.ecard,
        videogram: summary.byKind.videogram,
        keyword: summary.keywordHolds,
      })}
      {summary.oldestAt !== null && <> {t('review.oldest', { age: waited(summary.serverTime - summary.oldestAt) })}</>}
    </p>
  );
});

/** Narrowing the queue: kind, direction, unit, contact, flag (re-rendered only when they or their choices change). */
export const ReviewFilters = memo(function ReviewFilters({
  filters,
  summary,
  onChange,
}: {
  filters: Filters;
  summary: Summary | null;
  onChange: (filters: Filters) => void;
}) {
  const { t } = useTranslation();
  const choice = (key: keyof Filters, label: string, options: { value: string; label: string }[]) => (
    <Labelled label={label}>
      {(id) => (
        <select id={id} value={filters[key] ?? ''} onChange={(e) => onChange({ ...filters, [key]: e.target.value })}>
          <option value="">{t('review.filter.all')}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Labelled>
  );
  return (
    <div className="row filters" role="group" aria-label={t('review.filter.title')}>
      {choice(
        'kind',
        t('review.filter.kind'),
        ['text', 'photo', 'ecard', 'videogram'].map((k) => ({ value: k, label: t(`review.kind.${k}`) })),
      )}
      {choice(
        'direction',
        t('review.filter.direction'),
        ['in', 'out'].map((d) => ({ value: d, label: t(`review.direction.${d}`) })),
      )}
      {choice(
        'unitId',
        t('review.filter.unit'),
        (summary?.units ?? []).map((u) => ({ value: u.id, label: u.name })),
      )}
      {choice(
        'contactId',
        t('review.filter.contact'),
        (summary?.contacts ?? []).map((c) => ({ value: c.id, label: c.name })),
      )}
      {choice(
        'flag',
        t('review.filter.flag'),
        ['keyword', 'policy'].map((f) => ({ value: f, label: t(`review.flag.${f}`) })),
      )}
    </div>
  );
});
