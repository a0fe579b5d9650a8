import { useTranslation } from 'react-i18next';
import type { GameName } from '../../app/router';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { Game2048 } from './Game2048';
import { Sudoku } from './Sudoku';

export default function GameScreen({ game }: { game: GameName }) {
  const { t } = useTranslation();
  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenHeader title={t(`games.${game}.name`)} />
      <p className="muted">{t(`games.${game}.how`)}</p>
      {game === 'sudoku' ? <Sudoku /> : <Game2048 />}
    </section>
  );
}
