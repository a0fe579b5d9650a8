import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

/** Starting and stopping the server and preview host as processes, for specs that need to stop them. */
const root = resolve(import.meta.dirname, '../..');

export function run(args: string[], ready: RegExp): Promise<{ child: ChildProcess; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    // A process that never says it is ready is ended, so it cannot hold its port for the next run.
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`not ready: ${output}`));
    }, 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolvePromise({ child, output });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`exited ${String(code)}: ${output}`)));
  });
}

export function stop(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((r) => {
    child.removeAllListeners('exit');
    child.once('exit', () => r());
    child.kill('SIGTERM');
  });
}
