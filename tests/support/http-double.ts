import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A plain HTTP server for fault tests that must answer what no real facility
 * server would (torn bodies, 500s, silence). `close()` after each test.
 */
export async function httpDouble(
  handler: Parameters<typeof createServer>[1],
): Promise<{ url: string; server: Server; close(): void }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, close: () => server.close() };
}
