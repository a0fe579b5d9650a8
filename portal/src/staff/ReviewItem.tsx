import { memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { routeUrl, type Answer } from '../common/api';
import { displayLineBreaks, hasHiddenControls, revealControls } from '../../../shared/domain/user-text';

export type QueueItem = Answer<'staff.review.queue'>['items'][number];

const mediaUrl = (sha256: string) => routeUrl('staff.media', { params: { sha256 } });

// Making a formatter is costly; one per language serves every item of the list.
const formats = new Map<string, Intl.DateTimeFormat>();
function timeFormat(language: string): Intl.DateTimeFormat {
  let format = formats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' });
    formats.set(language, format);
  }
  return format;
}

/** The text with the listed words the server found marked, where the reader sees them. */
/** Reviewers see text as written, with bidi and zero-width controls made visible (hits index the original text). */
const shown = (text: string) => revealControls(displayLineBreaks(text));

function Highlighted({ text, hits }: { text: string; hits: QueueItem['keyword_hits'] }) {
  const { t } = useTranslation();
  const parts: ReactNode[] = [];
  let at = 0;
  for (const hit of [...hits].sort((a, b) => a.start - b.start)) {
    if (hit.start < at) continue; // overlapping hits: the first one is marked
    parts.push(shown(text.slice(at, hit.start)));
    parts.push(
      <mark key={hit.start} title={t('review.keywordTitle', { term: hit.term })}>
        {shown(text.slice(hit.start, hit.end))}
      </mark>,
    );
    at = hit.end;
  }
  parts.push(shown(text.slice(at)));
  return <>{parts}</>;
}

/** One message in the queue; re-rendered only when it or its selection changes (the list stays fast). */
export const ReviewItem = memo(function ReviewItem({
  item,
  selected,
  claimed,
  onSelect,
  children,
}: {
  item: QueueItem;
  selected: boolean;
  /** The server confirmed this reviewer holds it (no one else can decide it). */
  claimed: boolean;
  onSelect: (id: string) => void;
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const m = item;
  const bodyHits = m.keyword_hits.filter((h) => h.field === 'body');
  const greetingHits = m.keyword_hits.filter((h) => h.field === 'greeting');
  const time = timeFormat(i18n.language);
  return (
    <li
      data-message={m.id}
      tabIndex={selected ? 0 : -1}
      aria-current={selected ? 'true' : undefined}
      data-claim={selected ? (claimed ? 'held' : 'pending') : undefined}
      aria-label={
        m.direction === 'in'
          ? `${revealControls(m.contact_name)} → ${m.first_name} ${m.last_name}`
          : `${m.first_name} ${m.last_name} → ${revealControls(m.contact_name)}`
      }
      className={selected ? 'queue-item queue-item--selected' : 'queue-item'}
      onFocus={() => onSelect(m.id)}
      onClick={() => onSelect(m.id)}
    >
      <div className="row">
        <strong>
          {m.direction === 'in'
            ? `${revealControls(m.contact_name)} → ${m.first_name} ${m.last_name} (${m.doc_number})`
            : `${m.first_name} ${m.last_name} (${m.doc_number}) → ${revealControls(m.contact_name)}`}
        </strong>
        <span className="tag">{m.unit_name}</span>
        <span className="tag">{t(`review.kind.${m.photos.length > 0 ? 'photo' : m.kind}`)}</span>
        {m.hold_reason === 'keyword' && <span className="tag tag--flag">{t('review.flag.keyword')}</span>}
        <time dateTime={new Date(m.created_at).toISOString()}>{time.format(m.created_at)}</time>
      </div>
      {hasHiddenControls(m.body) && <p className="tag">{t('staff.hiddenControls')}</p>}
      {m.body && (
        <p className="pre" dir="auto">
          <Highlighted text={m.body} hits={bodyHits} />
        </p>
      )}
      {m.ecard && (
        <p>
          {t('staff.ecard', {
            template: t(`ecard.template.${m.ecard.templateId}`, { defaultValue: m.ecard.templateId }),
            greeting: '',
          })}
          <Highlighted text={m.ecard.greeting} hits={greetingHits} />
        </p>
      )}
      {selected && m.photos.length > 0 && (
        <div className="review-photos">
          {m.photos.map((p) => (
            <img key={p.sha256} src={mediaUrl(p.sha256)} alt={p.alt || t('staff.photo')} className="review-photo" />
          ))}
        </div>
      )}
      {!selected && m.photos.length > 0 && <p>{t('review.photoCount', { count: m.photos.length })}</p>}
      {selected && m.videogram && (
        <video
          className="review-video"
          controls
          preload="metadata"
          src={mediaUrl(m.videogram.video.sha256)}
          aria-label={t('staff.videogram', { seconds: Math.round(m.videogram.durationMs / 1000) })}
        />
      )}
      {children}
    </li>
  );
});
