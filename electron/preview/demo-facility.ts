import { join } from 'node:path';
import { startServer } from '../../server/app';

/**
 * The embedded demo facility for `npm start` and `npm run preview`: the
 * reference server on 127.0.0.1 with the demo seed, plus a fresh one-time
 * enrollment code so the device enrolls itself on first start.
 */
export interface DemoFacility {
  url: string;
  enrollmentCode?: string;
  close(): Promise<void>;
}

export async function startDemoFacility(options: { dataDir: string; port: number }): Promise<DemoFacility> {
  const server = await startServer({
    dbPath: join(options.dataDir, 'facility.db'),
    host: '127.0.0.1',
    port: options.port,
    seed: 'demo',
    logLevel: process.env.KIOSK_SERVER_LOG ?? 'warn',
  });
  return { url: server.url, enrollmentCode: await server.createEnrollmentCode(), close: () => server.close() };
}
