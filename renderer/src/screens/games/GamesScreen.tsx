import { useTranslation } from 'react-i18next';
import { useRouter, type GameName } from '../../app/router';
import { ScreenHeader } from '../../ui/ScreenHeader';

const games: GameName[] = ['sudoku', 'g2048'];

/** Games that run entirely on the device: no network, no third-party code. */
export default function GamesScreen() {
  const { t } = useTranslation();
  const { navigate } = useRouter();
  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenHeader title={t('games.heading')} />
      <ul className="tiles">
        {games.map((game) => (
          <li key={game}>
            <button type="button" className="tile" onClick={() => navigate({ name: 'game', game })}>
              <span className="tile__label">{t(`games.${game}.name`)}</span>
              <span className="tile__detail">{t(`games.${game}.about`)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
