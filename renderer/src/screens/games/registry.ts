import type { GameName } from '../../app/router';

/**
 * The games built into the kiosk, by the catalog's gameId. The facility
 * approves games in its catalog; a catalog game with no implementation here
 * is not shown, and a built-in game the facility has not approved is not either.
 */
const builtIn: Readonly<Record<string, GameName>> = { sudoku: 'sudoku', '2048': 'g2048' };

export function builtInGame(gameId: string | null): GameName | null {
  return gameId !== null && Object.hasOwn(builtIn, gameId) ? (builtIn[gameId] ?? null) : null;
}

/** The approved catalog games this kiosk can run, each once, in catalog order. */
export function playableGames(items: readonly { id: string; gameId: string | null; owned: boolean }[]): GameName[] {
  const games: GameName[] = [];
  for (const item of items) {
    const game = builtInGame(item.gameId);
    if (game && item.owned && !games.includes(game)) games.push(game);
  }
  return games;
}
