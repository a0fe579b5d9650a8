/**
 * Lets the page answer before the reader goes on: resolves in a later task
 * (the Prioritized Task Scheduling API's `scheduler.yield()` where the engine
 * has it, so the rest of the work keeps its place in line; a timer otherwise).
 * Opening a chapter is cut into steps joined by this, so no single task holds
 * the UI thread for long.
 */
type Yielding = { yield?: () => Promise<void> };

export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Yielding }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
