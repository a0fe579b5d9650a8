/**
 * Starts the embedded demo facility for `npm start` (Electron) and prints one
 * JSON line, { url, enrollmentCode }, for the launcher to pass to the kiosk.
 */
import { join, resolve } from 'node:path';
import { startDemoFacility } from './demo-facility';

const dataDir = resolve(import.meta.dirname, '../../.data/electron/facility');
const facility = await startDemoFacility({ dataDir: join(dataDir), port: Number(process.env.KIOSK_SERVER_PORT ?? 0) });
process.stdout.write(`${JSON.stringify({ url: facility.url, enrollmentCode: facility.enrollmentCode })}\n`);
const stop = () => void facility.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
