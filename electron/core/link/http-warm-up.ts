import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetch as undiciFetch } from 'undici';
import type { FacilityFetch } from '../provisioning/pinned-fetch';

/**
 * One request to a throwaway loopback server with each HTTP client core uses
 * (Node's fetch for the loopback demo, undici's for pinned TLS), before the
 * first real one.
 *
 * Why: in Node 20 the first request a process makes sets up the HTTP parser
 * (llhttp, compiled from WebAssembly on first use) while its connection is
 * already open. A facility behind a proxy that accepts and at once closes
 * (the server behind it down) closes that first connection during the set-up,
 * the close goes unnoticed, and the request hangs until its own timeout
 * (30 s), so a device restarted during an outage noticed the server was back
 * only half a minute late. Measured in a fresh process: 15 s (the whole
 * timeout) for that first request, 75 ms after a warm-up.
 * tests/faults/proxy-outage.test.ts holds it to the 3 s.
 */
async function warmUpHttpClients(): Promise<void> {
  const server = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  try {
    for (const client of [fetch, undiciFetch]) {
      const response = await client(url, { signal: AbortSignal.timeout(5_000) });
      await response.text();
    }
  } catch {
    // A warm-up that failed warmed up nothing; the requests after it are no worse off.
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

let warmedUp: Promise<void> | null = null;

/** `fetch`, except that the process's first request through it waits for the warm-up (once per process). */
export function afterWarmUp(fetch: FacilityFetch): FacilityFetch {
  return async (url, init) => {
    await (warmedUp ??= warmUpHttpClients());
    return fetch(url, init);
  };
}
