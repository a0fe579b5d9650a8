import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CorePort, SpawnCore } from './supervisor';

const entryFromSource = fileURLToPath(new URL('../../core/process/entry.ts', import.meta.url));

/**
 * Starts core as a plain Node child (preview host, fault tests). Running from
 * TypeScript source through tsx keeps the dev loop free of a build step.
 */
export function forkNodeCore(entry = entryFromSource, onStderr?: (chunk: string) => void): SpawnCore {
  return (): CorePort => {
    const child = fork(entry, [], {
      execArgv: entry.endsWith('.ts') ? ['--import', 'tsx'] : [],
      stdio: ['ignore', 'inherit', onStderr ? 'pipe' : 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    if (onStderr) child.stderr?.on('data', (chunk: Buffer) => onStderr(chunk.toString()));
    return {
      postMessage: (message) => {
        if (child.connected) child.send(message);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.on('exit', (code) => listener(code)),
      kill: (signal) => child.kill(signal ?? 'SIGTERM'),
    };
  };
}
