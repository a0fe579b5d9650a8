/** 2048 as pure functions on a 4×4 board (row-major, 0 = empty). */
export type Board = number[];
export type Direction = 'left' | 'right' | 'up' | 'down';
const size = 4;

/** Slides one line toward index 0, merging equal neighbours once. */
export function slideLine(line: number[]): { line: number[]; gained: number } {
  const tiles = line.filter((v) => v !== 0);
  const out: number[] = [];
  let gained = 0;
  for (let i = 0; i < tiles.length; i++) {
    const v = tiles[i] ?? 0;
    if (v === tiles[i + 1]) {
      out.push(v * 2);
      gained += v * 2;
      i++;
    } else out.push(v);
  }
  while (out.length < size) out.push(0);
  return { line: out, gained };
}

function lineIndexes(direction: Direction, k: number): number[] {
  const idx = [...Array(size).keys()];
  if (direction === 'left') return idx.map((i) => k * size + i);
  if (direction === 'right') return idx.map((i) => k * size + (size - 1 - i));
  if (direction === 'up') return idx.map((i) => i * size + k);
  return idx.map((i) => (size - 1 - i) * size + k);
}

export function move(board: Board, direction: Direction): { board: Board; gained: number; moved: boolean } {
  const next = [...board];
  let gained = 0;
  for (let k = 0; k < size; k++) {
    const indexes = lineIndexes(direction, k);
    const result = slideLine(indexes.map((i) => board[i] ?? 0));
    gained += result.gained;
    indexes.forEach((i, j) => (next[i] = result.line[j] ?? 0));
  }
  return { board: next, gained, moved: next.some((v, i) => v !== board[i]) };
}

export function addTile(board: Board, random: () => number = Math.random): Board {
  const empty = board.flatMap((v, i) => (v === 0 ? [i] : []));
  if (empty.length === 0) return board;
  const next = [...board];
  const at = empty[Math.floor(random() * empty.length)] ?? 0;
  next[at] = random() < 0.9 ? 2 : 4;
  return next;
}

export function newBoard(random: () => number = Math.random): Board {
  return addTile(addTile(Array<number>(size * size).fill(0), random), random);
}

export function canMove(board: Board): boolean {
  return (['left', 'right', 'up', 'down'] as const).some((d) => move(board, d).moved);
}
