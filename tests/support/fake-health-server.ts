import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stand-in facility server answering only /api/health, with its clock skewed by `skewMs`. */
export async function startFakeHealthServer(skewMs: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.url === '/api/health') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ serverTime: Date.now() + skewMs, facilityName: null }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
