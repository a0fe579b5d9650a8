/**
 * A facility export and its import at scale (issue #18): the demo facility with 100,000 more
 * messages and KIOSK_BENCH_EXPORT_MB of media (default 5,120 MB, in 64 MB blobs of random bytes,
 * which no compressor shrinks, like video), on SQLite. Measures the export against `zip -r` of
 * the same files (the export unpacked), the import into an empty database, and the largest
 * resident memory seen during each (sampled every 50 ms) to show both stream.
 * Needs about 4x the media size free in the temp folder (`df -h /tmp`).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { startServer } from '../../server/app';
import { openServerDatabase } from '../../server/db/database';
import { exportFacility } from '../../server/domain/export/facility-export';
import { importFacility } from '../../server/domain/export/facility-import';
import { FileMediaStore } from '../../server/media/file-media-store';
import type { MediaStore } from '../../server/media/media-store';
import { seedInbox } from './support/seed-inbox';

const MESSAGES = 100_000;
const MEDIA_MB = Number(process.env.KIOSK_BENCH_EXPORT_MB ?? 5_120);
const BLOB_MB = 64;

/** Runs `work` and reports how long it took and the most memory the process held meanwhile. */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  try {
    const value = await work();
    return { value, seconds: (performance.now() - started) / 1000, peakRssMb: Math.round(peak / 2 ** 20) };
  } finally {
    clearInterval(sampler);
  }
}

/** One blob of random bytes, streamed into the store (never all in memory). */
async function randomBlob(media: MediaStore, megabytes: number): Promise<{ sha256: string; bytes: number }> {
  function* chunks() {
    for (let i = 0; i < megabytes; i += 1) yield randomBytes(2 ** 20);
  }
  return media.putUnknown(Readable.from(chunks()), megabytes * 2 ** 20 + 1);
}

export async function run(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-export-'));
  try {
    const server = await startServer({
      dbPath: join(dir, 'a/facility.db'),
      port: 0,
      seed: 'demo',
      logLevel: 'silent',
      schedulerMs: 0,
    });
    await seedInbox(server, MESSAGES);
    const facility = await server.db.selectFrom('facilities').select('id').executeTakeFirstOrThrow();
    let mediaBytes = 0;
    for (let made = 0; made < MEDIA_MB; made += BLOB_MB) {
      const blob = await randomBlob(server.media, Math.min(BLOB_MB, MEDIA_MB - made));
      await server.db
        .insertInto('media')
        .values({ sha256: blob.sha256, mime: 'video/webm', bytes: blob.bytes, created_at: Date.now() })
        .execute();
      await server.db
        .insertInto('media_refs')
        .values({ sha256: blob.sha256, facility_id: facility.id, inmate_id: null })
        .execute();
      mediaBytes += blob.bytes;
    }
    const file = join(dir, 'facility.zip');
    const exported = await measured(() =>
      exportFacility(server.db, server.media, facility.id, file, { now: Date.now() }),
    );
    await server.close();

    // The baseline: the same files unpacked, then `zip -r` (its default deflate) of them.
    const unpacked = join(dir, 'unpacked');
    mkdirSync(unpacked);
    execFileSync('unzip', ['-q', file, '-d', unpacked]);
    const baseline = join(dir, 'baseline.zip');
    const zipped = await measured(() => {
      execFileSync('zip', ['-q', '-r', baseline, '.'], { cwd: unpacked });
      return Promise.resolve();
    });
    rmSync(unpacked, { recursive: true, force: true });
    rmSync(baseline, { force: true });

    mkdirSync(join(dir, 'b'));
    const target = await openServerDatabase(join(dir, 'b/facility.db'));
    const imported = await measured(() => importFacility(target.db, new FileMediaStore(join(dir, 'b/media')), file));
    await target.close();
    const rows = Object.values(imported.value.rows).reduce((a, b) => a + b, 0);
    return {
      messages: exported.value.manifest.tables.find((t) => t.name === 'messages')?.rows ?? 0,
      'media (MB)': Math.round(mediaBytes / 2 ** 20),
      'export file (MB)': Math.round(statSync(file).size / 2 ** 20),
      'export (s)': exported.seconds.toFixed(1),
      'zip -r of the same files (s)': zipped.seconds.toFixed(1),
      'export / zip time': (exported.seconds / zipped.seconds).toFixed(2),
      'export peak RSS (MB)': exported.peakRssMb,
      'import, checked and written (s)': imported.seconds.toFixed(1),
      'import rows': rows,
      'import peak RSS (MB)': imported.peakRssMb,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
