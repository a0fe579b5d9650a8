import {
  BookOpen,
  Gamepad2,
  LifeBuoy,
  Mail,
  Megaphone,
  Music,
  Send,
  Settings,
  Video,
  Wallet,
  type LucideIcon,
} from 'lucide-react';
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
  /** An SVG icon (lucide), drawn the same on every device; the words beside it carry the meaning. */
  icon: LucideIcon;
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
      icon: Mail,
      label: t('home.messages'),
      detail: unread && t('home.unread', { count: unread.unread }),
    },
    {
      route: { name: 'inbox', filter: 'videogram' },
      icon: Video,
      label: t('home.videograms'),
      detail: unread && t('home.unreadVideograms', { count: unread.unreadVideograms }),
    },
    {
      route: { name: 'account' },
      icon: Wallet,
      label: t('home.account'),
      detail:
        summary.state === 'ready'
          ? t('home.balance', {
              amount: formatCents(summary.value.balanceCents, place),
              time: formatDateTime(summary.value.asOf, place),
            })
          : null,
    },
    { route: { name: 'library' }, icon: BookOpen, label: t('home.library') },
    { route: { name: 'music' }, icon: Music, label: t('home.music') },
    { route: { name: 'games' }, icon: Gamepad2, label: t('home.games') },
    {
      route: { name: 'announcements' },
      icon: Megaphone,
      label: t('home.announcements'),
      detail: news.state === 'ready' ? t('home.announcementCount', { count: news.value.length }) : null,
    },
    { route: { name: 'outbox' }, icon: Send, label: t('home.sent') },
    { route: { name: 'support' }, icon: LifeBuoy, label: t('home.support') },
    { route: { name: 'settings' }, icon: Settings, label: t('settings.heading') },
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
                <tile.icon className="tile__icon" aria-hidden="true" focusable="false" strokeWidth={1.75} />
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
