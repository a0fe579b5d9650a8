import { useTranslation } from 'react-i18next';
import { useServices } from '../../api/services-context';
import { useLoad } from '../../api/use-load';
import { useRouter } from '../../app/router';
import { LoadView } from '../../ui/LoadView';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { playableGames } from './registry';

/** Games that run entirely on the device (no network, no third-party code), as far as the facility approved them. */
export default function GamesScreen() {
  const { t } = useTranslation();
  const { navigate } = useRouter();
  const { library } = useServices();
  const [load, reload] = useLoad(async () => playableGames(await library.games()), [library]);
  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenHeader title={t('games.heading')} />
      <LoadView load={load} onRetry={reload}>
        {(games) =>
          games.length === 0 ? (
            <p className="empty">{t('games.none')}</p>
          ) : (
            <ul className="tiles" data-testid="games">
              {games.map((game) => (
                <li key={game}>
                  <button type="button" className="tile" onClick={() => navigate({ name: 'game', game })}>
                    <span className="tile__label">{t(`games.${game}.name`)}</span>
                    <span className="tile__detail">{t(`games.${game}.about`)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </LoadView>
    </section>
  );
}
