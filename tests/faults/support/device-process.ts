/**
 * A device's sync engine alone in a fresh Node process (the proxy-outage
 * fault test runs it): the process's first HTTP request is the engine's,
 * which is what a core started during an outage does. Prints `request`
 * as its first request goes out, `synced` when a sync has finished, then exits.
 * Arguments: server URL, device authorization, and `cold` to leave out the
 * HTTP warm-up core's facility fetch has (to see the failure it prevents).
 */
import { afterWarmUp } from '../../../electron/core/link/http-warm-up';
import { memoryEngine } from '../../support/memory-engine';

const [url = '', authorization = '', mode = 'warm'] = process.argv.slice(2);
let announced = false;
const announcing: typeof fetch = (input, init) => {
  if (!announced) process.stdout.write('request\n');
  announced = true;
  return fetch(input, init);
};
const { sync } = memoryEngine(url, authorization, {
  fetch: mode === 'cold' ? announcing : afterWarmUp(announcing),
  intervalMs: 60_000,
});
sync.on('status', (status) => {
  if (status.state !== 'idle' || status.lastSyncAt === null) return;
  process.stdout.write('synced\n');
  sync.stop();
  process.exit(0);
});
sync.start();
// The engine's timers do not hold a process open (core's IPC channel does that): this does, here.
const alive = setInterval(() => undefined, 60_000);
process.on('exit', () => clearInterval(alive));
