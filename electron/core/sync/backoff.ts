/**
 * "Full jitter" backoff (AWS architecture blog): a random wait between 0 and
 * an exponentially growing cap, so a facility's hundreds of devices coming
 * back after an outage do not all knock at the same second.
 */
export function backoffDelayMs(
  attempt: number,
  random: () => number = Math.random,
  baseMs = 1_000,
  capMs = 60_000,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  // Never 0: a failing server is not asked again in the same tick.
  return Math.max(250, Math.floor(random() * ceiling));
}
