// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogGame, KioskServices } from '../../../renderer/src/api/ports';
import { ServicesProvider } from '../../../renderer/src/api/services-context';
import { RouterProvider } from '../../../renderer/src/app/router';
import { initI18n } from '../../../renderer/src/i18n';
import { canMove, move, slideLine, type Board } from '../../../renderer/src/screens/games/g2048-logic';
import GamesScreen from '../../../renderer/src/screens/games/GamesScreen';
import { builtInGame, playableGames } from '../../../renderer/src/screens/games/registry';
import {
  conflicts,
  isSolved,
  newPuzzle,
  peers,
  solvedGrid,
  type Grid,
} from '../../../renderer/src/screens/games/sudoku-logic';

const i18n = initI18n('en');
afterEach(cleanup);

/** A small deterministic random source, so every run checks the same grids. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const rows = (g: Grid) => [...Array(9).keys()].map((r) => g.slice(r * 9, r * 9 + 9));
const cols = (g: Grid) => [...Array(9).keys()].map((c) => [...Array(9).keys()].map((r) => g[r * 9 + c]));
const boxes = (g: Grid) =>
  [...Array(9).keys()].map((b) =>
    [...Array(9).keys()].map((i) => g[(Math.floor(b / 3) * 3 + Math.floor(i / 3)) * 9 + (b % 3) * 3 + (i % 3)]),
  );
const oneToNine = [1, 2, 3, 4, 5, 6, 7, 8, 9];

describe('sudoku logic', () => {
  it('makes solved grids where every row, column and box holds 1–9 once', () => {
    for (let seed = 1; seed <= 20; seed += 1) {
      const grid = solvedGrid(seeded(seed));
      for (const unit of [...rows(grid), ...cols(grid), ...boxes(grid)])
        expect([...unit].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(oneToNine);
      expect(isSolved(grid)).toBe(true);
    }
  });

  it('makes puzzles that are their solution with blanks, and agree with it everywhere else', () => {
    const { puzzle, solution } = newPuzzle(45, seeded(7));
    expect(puzzle.filter((v) => v === 0)).toHaveLength(45);
    puzzle.forEach((v, i) => v !== 0 && expect(v).toBe(solution[i]));
    expect(conflicts(puzzle).size).toBe(0);
    expect(isSolved(puzzle)).toBe(false);
  });

  it('has 20 peers per cell: its row, column and box, not itself', () => {
    const p = peers(40); // the centre cell
    expect(p).toHaveLength(20);
    expect(p).not.toContain(40);
    expect(p).toEqual(expect.arrayContaining([36, 44, 4, 76, 30, 50]));
  });

  it('flags both cells of a clash in a row, a column and a box, and a full grid with a clash is not solved', () => {
    const grid = solvedGrid(seeded(3));
    const broken = [...grid];
    // Swap two cells of the same row from different boxes: both columns now repeat.
    [broken[0], broken[8]] = [broken[8] ?? 0, broken[0] ?? 0];
    expect(conflicts(broken).has(0)).toBe(true);
    expect(conflicts(broken).has(8)).toBe(true);
    expect(isSolved(broken)).toBe(false);
    const row = Array<number>(81).fill(0);
    row[0] = 5;
    row[5] = 5;
    expect([...conflicts(row)].sort((a, b) => a - b)).toEqual([0, 5]);
    const box = Array<number>(81).fill(0);
    box[0] = 3;
    box[20] = 3; // row 2, column 2: same box, other row and column
    expect([...conflicts(box)].sort((a, b) => a - b)).toEqual([0, 20]);
  });
});

describe('2048 logic', () => {
  it('merges equal neighbours once per move, toward the move', () => {
    expect(slideLine([2, 2, 2, 2])).toEqual({ line: [4, 4, 0, 0], gained: 8 });
    expect(slideLine([2, 2, 4, 0])).toEqual({ line: [4, 4, 0, 0], gained: 4 }); // the new 4 does not merge again
    expect(slideLine([4, 0, 0, 4])).toEqual({ line: [8, 0, 0, 0], gained: 8 }); // gaps close first
    expect(slideLine([2, 4, 2, 4])).toEqual({ line: [2, 4, 2, 4], gained: 0 });
    expect(slideLine([8, 8, 8, 0])).toEqual({ line: [16, 8, 0, 0], gained: 16 }); // the leading pair merges
  });

  it('moves every row or column in the chosen direction, and says when nothing moved', () => {
    // prettier-ignore
    const board: Board = [
      2, 2, 0, 0,
      0, 0, 0, 0,
      0, 0, 4, 4,
      2, 0, 0, 2,
    ];
    const right = move(board, 'right');
    // prettier-ignore
    expect(right.board).toEqual([
      0, 0, 0, 4,
      0, 0, 0, 0,
      0, 0, 0, 8,
      0, 0, 0, 4,
    ]);
    expect(right.gained).toBe(16);
    const down = move(board, 'down');
    expect(down.board.slice(8)).toEqual([0, 0, 0, 4, 4, 2, 4, 2]);
    expect(down.gained).toBe(4);
    expect(move(right.board, 'right').moved).toBe(false);
  });

  it('knows when the game is over', () => {
    // prettier-ignore
    const stuck: Board = [
      2, 4, 2, 4,
      4, 2, 4, 2,
      2, 4, 2, 4,
      4, 2, 4, 2,
    ];
    expect(canMove(stuck)).toBe(false);
    expect(canMove([...stuck.slice(0, 15), 4])).toBe(true); // a 4 beside a 4 (and under one): a merge
  });
});

describe('games the facility approved', () => {
  it('maps catalog games to the built-in ones, drops unknown and unowned ones, once each', () => {
    expect(builtInGame('sudoku')).toBe('sudoku');
    expect(builtInGame('2048')).toBe('g2048');
    expect(builtInGame('chess')).toBeNull();
    expect(builtInGame('constructor')).toBeNull(); // no prototype lookups
    expect(builtInGame(null)).toBeNull();
    expect(
      playableGames([
        { id: 'a', gameId: '2048', owned: true },
        { id: 'b', gameId: 'chess', owned: true },
        { id: 'c', gameId: 'sudoku', owned: false },
        { id: 'd', gameId: '2048', owned: true },
      ]),
    ).toEqual(['g2048']);
  });

  async function shown(games: CatalogGame[]) {
    const services = { library: { games: () => Promise.resolve(games) } } as unknown as KioskServices;
    render(
      <I18nextProvider i18n={i18n}>
        <ServicesProvider services={services}>
          <RouterProvider initial={{ name: 'games' }}>
            <GamesScreen />
          </RouterProvider>
        </ServicesProvider>
      </I18nextProvider>,
    );
    return screen.findByRole('heading', { level: 1 });
  }

  it('shows only the approved games', async () => {
    await shown([{ id: 'g1', title: 'Sudoku', gameId: 'sudoku', owned: true }]);
    expect(await screen.findByRole('button', { name: /Sudoku/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /2048/ })).toBeNull();
  });

  it('says so when the facility approved none', async () => {
    await shown([]);
    expect(await screen.findByText('No games are available here yet.')).toBeTruthy();
  });
});
