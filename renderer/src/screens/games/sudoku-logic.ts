/** Sudoku as pure functions: 81 cells, 0 = empty. */
export type Grid = number[];

function shuffle<T>(items: T[], random: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

/** A full valid grid: the classic base pattern, with bands, stacks, rows, columns and digits shuffled. */
export function solvedGrid(random: () => number = Math.random): Grid {
  const pattern = (r: number, c: number) => (3 * (r % 3) + Math.floor(r / 3) + c) % 9;
  const groups = [0, 1, 2];
  const rows = shuffle(groups, random).flatMap((band) => shuffle(groups, random).map((r) => band * 3 + r));
  const cols = shuffle(groups, random).flatMap((stack) => shuffle(groups, random).map((c) => stack * 3 + c));
  const digits = shuffle([1, 2, 3, 4, 5, 6, 7, 8, 9], random);
  const grid: Grid = [];
  for (const r of rows) for (const c of cols) grid.push(digits[pattern(r, c)] ?? 0);
  return grid;
}

/** A puzzle: the solved grid with `blanks` cells emptied. */
export function newPuzzle(blanks = 45, random: () => number = Math.random): { puzzle: Grid; solution: Grid } {
  const solution = solvedGrid(random);
  const puzzle = [...solution];
  for (const i of shuffle([...Array(81).keys()], random).slice(0, blanks)) puzzle[i] = 0;
  return { puzzle, solution };
}

export function peers(index: number): number[] {
  const r = Math.floor(index / 9);
  const c = index % 9;
  const br = r - (r % 3);
  const bc = c - (c % 3);
  const out = new Set<number>();
  for (let i = 0; i < 9; i++) {
    out.add(r * 9 + i);
    out.add(i * 9 + c);
    out.add((br + Math.floor(i / 3)) * 9 + bc + (i % 3));
  }
  out.delete(index);
  return [...out];
}

/** Cells whose digit repeats in their row, column or box. */
export function conflicts(grid: Grid): Set<number> {
  const bad = new Set<number>();
  grid.forEach((value, i) => {
    if (value !== 0 && peers(i).some((p) => grid[p] === value)) bad.add(i);
  });
  return bad;
}

/** Solved means full and without a conflict (any valid completion counts, not only ours). */
export function isSolved(grid: Grid): boolean {
  return grid.every((v) => v !== 0) && conflicts(grid).size === 0;
}
