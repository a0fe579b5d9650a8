import { useTranslation } from 'react-i18next';
import type { Announcement } from '../api/ports';
import { useServices } from '../api/services-context';
import { useLoad } from '../api/use-load';
import { formatDateTime } from '../ui/format';
import { LoadView } from '../ui/LoadView';
import { ScreenHeader } from '../ui/ScreenHeader';
import { UserText } from '../ui/UserText';
import { usePlace } from '../ui/use-place';

export default function AnnouncementsScreen() {
  const place = usePlace();
  const { t } = useTranslation();
  const { announcements } = useServices();
  const [load, reload] = useLoad<Announcement[]>(() => announcements.list(), [announcements]);
  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenHeader title={t('home.announcements')} />
      <LoadView load={load} onRetry={reload}>
        {(list) =>
          list.length === 0 ? (
            <p className="empty">{t('announcements.none')}</p>
          ) : (
            <ul className="cards">
              {list.map((a) => (
                <li key={a.id} className="card">
                  <h2 className="card__title">{a.title}</h2>
                  <p className="muted">{formatDateTime(a.postedAt, place)}</p>
                  <UserText className="pre" text={a.body} />
                </li>
              ))}
            </ul>
          )
        }
      </LoadView>
    </section>
  );
}
