import { useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addTile, canMove, move, newBoard, type Board, type Direction } from './g2048-logic';

const keys: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

/** 2048: swipe, arrow keys, or the four big arrow buttons. */
export function Game2048() {
  const { t } = useTranslation();
  const [board, setBoard] = useState<Board>(() => newBoard());
  const [score, setScore] = useState(0);
  const start = useRef<{ x: number; y: number } | null>(null);
  const over = !canMove(board);

  const play = (direction: Direction) => {
    const result = move(board, direction);
    if (!result.moved) return;
    setBoard(addTile(result.board));
    setScore((s) => s + result.gained);
  };
  const onPointerUp = (event: PointerEvent) => {
    const s = start.current;
    start.current = null;
    if (!s) return;
    const dx = event.clientX - s.x;
    const dy = event.clientY - s.y;
    if (Math.max(Math.abs(dx), Math.abs(dy)) < 30) return;
    play(Math.abs(dx) > Math.abs(dy) ? (dx > 0 ? 'right' : 'left') : dy > 0 ? 'down' : 'up');
  };

  return (
    <div className="g2048">
      <p className="g2048__score" aria-live="polite">
        {t('games.g2048.score', { score })}
      </p>
      <div
        className="g2048__board"
        role="grid"
        aria-label={t('games.g2048.name')}
        tabIndex={0}
        onKeyDown={(event) => {
          const d = keys[event.key];
          if (d) {
            event.preventDefault();
            play(d);
          }
        }}
        onPointerDown={(event) => (start.current = { x: event.clientX, y: event.clientY })}
        onPointerUp={onPointerUp}
      >
        {[0, 1, 2, 3].map((r) => (
          <div key={r} role="row" className="g2048__row">
            {[0, 1, 2, 3].map((c) => {
              const v = board[r * 4 + c] ?? 0;
              return (
                <div key={c} role="gridcell" className={`g2048__tile g2048__tile--${Math.min(v, 4096)}`}>
                  {v || ''}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      {over && (
        <p className="notice" role="status">
          {t('games.g2048.over', { score })}
        </p>
      )}
      <div className="g2048__arrows" role="group" aria-label={t('games.g2048.moves')}>
        {(['up', 'left', 'right', 'down'] as const).map((d) => (
          <button key={d} type="button" className={`button g2048__arrow g2048__arrow--${d}`} onClick={() => play(d)}>
            {t(`games.g2048.${d}`)}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="button"
        onClick={() => {
          setBoard(newBoard());
          setScore(0);
        }}
      >
        {t('games.newGame')}
      </button>
    </div>
  );
}
