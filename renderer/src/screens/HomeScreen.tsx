import { useTranslation } from 'react-i18next';
import type { AccountSummary, Announcement } from '../api/ports';
import { useServices } from '../api/services-context';
import { useLoad } from '../api/use-load';
import { useRouter, type Route } from '../app/router';
import { useSession } from '../session/session';
import { SyncStatusLine } from '../sync/SyncStatusLine';
import { useSyncState } from '../sync/use-sync-state';
import { formatCents, formatDateTime } from '../ui/format';
import { usePlace } from '../ui/use-place';

interface Tile {
  route: Route;
  label: string;
  detail?: string | null;
  icon: string;
}

/** Home: a greeting, then one big tile per area, each with the one figure that matters (unread, balance). */
export default function HomeScreen() {
  const place = usePlace();
  const { t } = useTranslation();
  const { inbox, account, announcements, sync } = useServices();
  const syncState = useSyncState(sync);
  const { inmate } = useSession();
  const { navigate } = useRouter();
  const [counts] = useLoad(() => inbox.counts(), [inbox]);
  const [summary] = useLoad<AccountSummary>(() => account.summary(), [account]);
  const [news] = useLoad<Announcement[]>(() => announcements.list(), [announcements]);

  const unread = counts.state === 'ready' ? counts.value : null;
  const tiles: Tile[] = [
    {
      route: { name: 'inbox' },
      icon: '✉',
      label: t('home.messages'),
      detail: unread && t('home.unread', { count: unread.unread }),
    },
    {
      route: { name: 'inbox', filter: 'videogram' },
      icon: '▶',
      label: t('home.videograms'),
      detail: unread && t('home.unreadVideograms', { count: unread.unreadVideograms }),
    },
    {
      route: { name: 'account' },
      icon: '$',
      label: t('home.account'),
      detail:
        summary.state === 'ready'
          ? t('home.balance', {
              amount: formatCents(summary.value.balanceCents, place),
              time: formatDateTime(summary.value.asOf, place),
            })
          : null,
    },
    { route: { name: 'library' }, icon: '☰', label: t('home.library') },
    { route: { name: 'music' }, icon: '♪', label: t('home.music') },
    { route: { name: 'games' }, icon: '◆', label: t('home.games') },
    {
      route: { name: 'announcements' },
      icon: '✧',
      label: t('home.announcements'),
      detail: news.state === 'ready' ? t('home.announcementCount', { count: news.value.length }) : null,
    },
    { route: { name: 'outbox' }, icon: '⇪', label: t('home.sent') },
    { route: { name: 'support' }, icon: '?', label: t('home.support') },
    { route: { name: 'settings' }, icon: '⚙', label: t('settings.heading') },
  ];

  return (
    <section className="screen screen--wide" aria-labelledby="home-heading">
      <h1 id="home-heading">{t('home.heading', { name: inmate?.displayName ?? '' })}</h1>
      {syncState && <SyncStatusLine state={syncState} />}
      {news.state === 'ready' && news.value[0] && (
        <p className="notice">
          <strong>{news.value[0].title}</strong> — {news.value[0].body}
        </p>
      )}
      <nav aria-label={t('home.areas')}>
        <ul className="tiles">
          {tiles.map((tile) => (
            <li key={tile.label}>
              <button type="button" className="tile" onClick={() => navigate(tile.route)}>
                <span className="tile__icon" aria-hidden="true">
                  {tile.icon}
                </span>
                <span className="tile__label">{tile.label}</span>
                {tile.detail && <span className="tile__detail">{tile.detail}</span>}
              </button>
            </li>
          ))}
        </ul>
      </nav>
    </section>
  );
}
