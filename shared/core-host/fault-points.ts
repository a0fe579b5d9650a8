/**
 * Where a sync can be caught by a fault test (a dependency-free module, so the
 * host's message schema can name them without loading the sync engine).
 * `pull:applying` is inside the page's open transaction; `push:answered` is
 * after the server applied a batch and before the device recorded the answers.
 */
export const syncFaultPoints = ['push:sending', 'push:answered', 'pull:received', 'pull:applying'] as const;
export type SyncFaultPoint = (typeof syncFaultPoints)[number];
