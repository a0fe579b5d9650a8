import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const repo = join(import.meta.dirname, '../..');

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** SIGKILL: the process dies where it stands (no graceful close). */
  kill(): Promise<void>;
  /** SIGTERM: the CLI's graceful close. */
  stop(): Promise<void>;
  /** Everything it printed to stdout so far. */
  output(): string;
  /** Resolves with the first match of `pattern` in its stdout, once printed. */
  waitForOutput(pattern: RegExp): Promise<RegExpExecArray>;
}

/**
 * The facility server as a real child process through its CLI
 * (`server/cli.ts`), on a free loopback port; resolves once it prints its
 * address. `store` is what tests/support/server-harness.ts testStore() gives.
 */
export function startServerProcess(
  store: { dbPath: string; databaseUrl?: string },
  options: { mediaDir: string; demo: boolean; schedulerMs: number; signalPollMs?: number },
): Promise<ServerProcess> {
  const args = [
    '--import',
    'tsx',
    join(repo, 'server/cli.ts'),
    '--db',
    store.dbPath,
    ...(store.databaseUrl ? ['--database-url', store.databaseUrl] : []),
    '--media-dir',
    options.mediaDir,
    '--port',
    '0',
    '--log-level',
    'warn',
    '--scheduler-ms',
    String(options.schedulerMs),
    ...(options.signalPollMs ? ['--signal-poll-ms', String(options.signalPollMs)] : []),
    ...(options.demo ? ['--demo'] : ['--no-demo']),
    // Review decisions take effect at once, so a test times the change signal, not the undo window.
    '--review-undo-ms',
    '0',
  ];
  const child = spawn(process.execPath, args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /Facility server: (http:\/\/\S+)/.exec(out)?.[1];
      if (url)
        resolve({
          url,
          child,
          kill: () => end('SIGKILL'),
          stop: () => end('SIGTERM'),
          output: () => out,
          waitForOutput: (pattern) =>
            new Promise((found, failed) => {
              const look = () => {
                const match = pattern.exec(out);
                if (!match) return false;
                child.stdout.off('data', look);
                found(match);
                return true;
              };
              if (look()) return;
              child.stdout.on('data', look);
              child.once('exit', () => failed(new Error(`server exited without printing ${String(pattern)}: ${out}`)));
            }),
        });
    });
    child.once('exit', (code) => reject(new Error(`server process exited (${code}) before listening: ${err || out}`)));
  });
}
