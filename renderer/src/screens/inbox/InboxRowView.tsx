import { useTranslation } from 'react-i18next';
import type { InboxRow } from '../../api/ports';
import { formatDateTime } from '../../ui/format';
import { usePlace } from '../../ui/use-place';

/** One inbox line: sender, date, the first words, and badges in words (not only icons or bold). */
export function InboxRowView({ row, onOpen }: { row: InboxRow; onOpen: () => void }) {
  const place = usePlace();
  const { t } = useTranslation();
  return (
    <button type="button" className={`inbox-row ${row.unread ? 'inbox-row--unread' : ''}`} onClick={onOpen}>
      <span className="inbox-row__top">
        <span className="inbox-row__from">{row.from}</span>
        <span className="inbox-row__date">{formatDateTime(row.receivedAt, place)}</span>
      </span>
      <span className="inbox-row__preview">{row.preview}</span>
      <span className="inbox-row__badges">
        {row.unread && <span className="badge badge--unread">{t('inbox.badge.unread')}</span>}
        {row.hasPhotos && <span className="badge">{t('inbox.badge.photos')}</span>}
        {row.kind === 'videogram' && <span className="badge">{t('inbox.badge.videogram')}</span>}
        {row.kind === 'ecard' && <span className="badge">{t('inbox.badge.ecard')}</span>}
      </span>
    </button>
  );
}

export function InboxRowPlaceholder() {
  return <div className="inbox-row inbox-row--placeholder" aria-hidden="true" />;
}
