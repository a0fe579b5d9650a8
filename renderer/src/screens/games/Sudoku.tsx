import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { conflicts, isSolved, newPuzzle, type Grid } from './sudoku-logic';

/** Sudoku: tap a cell, then a number; arrows and digits work on a hardware keyboard. */
export function Sudoku() {
  const { t } = useTranslation();
  const [{ puzzle }, setGame] = useState(() => newPuzzle());
  const [grid, setGrid] = useState<Grid>(puzzle);
  const [selected, setSelected] = useState(0);
  const [check, setCheck] = useState(false);
  const bad = check ? conflicts(grid) : new Set<number>();
  const solved = isSolved(grid);

  const restart = () => {
    const game = newPuzzle();
    setGame(game);
    setGrid(game.puzzle);
    setCheck(false);
  };
  const put = (value: number) => {
    if (puzzle[selected] !== 0) return; // given digits stay
    setGrid((g) => g.map((v, i) => (i === selected ? value : v)));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -9, ArrowDown: 9 };
    const delta = moves[event.key];
    if (delta !== undefined) {
      event.preventDefault();
      const next = Math.max(0, Math.min(80, selected + delta));
      setSelected(next);
      document.getElementById(`sudoku-${next}`)?.focus();
    } else if (/^[1-9]$/.test(event.key)) put(Number(event.key));
    else if (event.key === 'Backspace' || event.key === 'Delete' || event.key === '0') put(0);
  };

  return (
    <div className="sudoku">
      <div className="sudoku__grid" role="grid" aria-label={t('games.sudoku.name')} onKeyDown={onKeyDown}>
        {[0, 1, 2, 3, 4, 5, 6, 7, 8].map((r) => (
          <div role="row" key={r} className="sudoku__row">
            {[0, 1, 2, 3, 4, 5, 6, 7, 8].map((c) => {
              const i = r * 9 + c;
              const value = grid[i] ?? 0;
              const given = puzzle[i] !== 0;
              return (
                <button
                  key={c}
                  id={`sudoku-${i}`}
                  type="button"
                  role="gridcell"
                  tabIndex={i === selected ? 0 : -1}
                  aria-selected={i === selected}
                  aria-label={t('games.sudoku.cell', {
                    row: r + 1,
                    col: c + 1,
                    value: value || t('games.sudoku.empty'),
                  })}
                  className={`sudoku__cell ${given ? 'sudoku__cell--given' : ''} ${bad.has(i) ? 'sudoku__cell--bad' : ''} ${c % 3 === 2 && c < 8 ? 'sudoku__cell--edge-r' : ''} ${r % 3 === 2 && r < 8 ? 'sudoku__cell--edge-b' : ''}`}
                  onClick={() => setSelected(i)}
                >
                  {value || ''}
                </button>
              );
            })}
          </div>
        ))}
      </div>
      <div className="sudoku__pad" role="group" aria-label={t('games.sudoku.numbers')}>
        {[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => (
          <button key={n} type="button" className="button keypad__key" onClick={() => put(n)}>
            {n}
          </button>
        ))}
        <button type="button" className="button" onClick={() => put(0)}>
          {t('games.sudoku.erase')}
        </button>
      </div>
      <p role="status" className={solved ? 'notice notice--ok' : 'muted'}>
        {solved ? t('games.sudoku.solved') : check ? t('games.sudoku.conflicts', { count: bad.size }) : ''}
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={() => setCheck((c) => !c)} aria-pressed={check}>
          {t('games.sudoku.check')}
        </button>
        <button type="button" className="button" onClick={restart}>
          {t('games.newGame')}
        </button>
      </div>
    </div>
  );
}
