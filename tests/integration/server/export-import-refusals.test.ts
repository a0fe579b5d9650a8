import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import yauzl from 'yauzl';
import { ZipFile } from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../server/app';
import { exportFacility, type ExportResult } from '../../../server/domain/export/facility-export';
import { importFacility } from '../../../server/domain/export/facility-import';
import { facilityTables } from '../../../server/domain/export/facility-tables';
import { countRows } from '../../../server/domain/export/table-pages';
import { ExportManifest } from '../../../shared/export/manifest';
import { demoServer, testStore } from '../../support/server-harness';

/**
 * An import checks the whole file before it writes, and writes in one transaction: a cut-off
 * file, a changed byte in a photo or a row, an entry the manifest does not list, and rows that
 * hash right but the database refuses, are each refused with the reason, leaving the target
 * database and media folder exactly as empty as they were.
 */
let source: RunningServer;
let target: RunningServer;
let dir: string;
let exported: ExportResult;
let good: Buffer;

/** The entries of an export, in order, read whole (the demo export is small). */
async function entries(bytes: Buffer): Promise<[string, Buffer][]> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
  const out: [string, Buffer][] = [];
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    out.push([entry.fileName, Buffer.concat(chunks)]);
  }
  return out;
}

/** A ZIP of these entries (what someone editing an export by hand would make). */
async function zipOf(items: [string, Buffer][]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, bytes] of items) zip.addBuffer(bytes, name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const hashOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function refusedWith(bytes: Buffer, problem: string) {
  const file = join(dir, `${problem}-${Date.now()}.zip`);
  writeFileSync(file, bytes);
  await expect(importFacility(target.db, target.media, file)).rejects.toMatchObject({ problem });
  for (const table of facilityTables) expect(await countRows(target.db, table.name, sql`1 = 1`)).toBe(0);
  const mediaDir = target.context.mediaDir;
  expect(readdirSync(mediaDir).filter((name) => name !== 'tmp')).toEqual([]);
  expect(readdirSync(join(mediaDir, 'tmp'))).toEqual([]);
}

beforeAll(async () => {
  source = await demoServer();
  dir = mkdtempSync(join(tmpdir(), 'kiosk-refusals-'));
  const facility = await source.db.selectFrom('facilities').select('id').executeTakeFirstOrThrow();
  exported = await exportFacility(source.db, source.media, facility.id, join(dir, 'good.zip'), { now: Date.now() });
  good = readFileSync(join(dir, 'good.zip'));
  target = await startServer({
    ...(await testStore(mkdtempSync(join(tmpdir(), 'kiosk-refusals-target-')))),
    port: 0,
    seed: 'none',
    logLevel: 'silent',
  });
}, 120_000);

afterAll(async () => {
  await target?.close();
  await source?.close();
});

describe('an import refuses, writing nothing', () => {
  it('a truncated export (cut anywhere)', async () => {
    for (const keep of [0.99, 0.5, 0.01])
      await refusedWith(good.subarray(0, Math.floor(good.length * keep)), 'unreadable_archive');
  });

  it('a photo with one byte changed', async () => {
    const blob = exported.manifest.media.find((m) => m.bytes > 1_000);
    if (!blob) throw new Error('no media in the demo export');
    const original = await source.media.readAll(blob.sha256);
    const at = good.indexOf(original.subarray(0, 256));
    expect(at).toBeGreaterThan(0);
    const tampered = Buffer.from(good);
    tampered[at + 500] = (tampered[at + 500] ?? 0) ^ 0xff;
    await refusedWith(tampered, 'hash_mismatch');
  });

  it('a ledger line changed (the manifest kept)', async () => {
    const items = await entries(good);
    const ledger = items.find(([name]) => name === 'data/ledger.jsonl');
    if (!ledger) throw new Error('no ledger');
    // One digit of one amount, so the size stays what the manifest says and only the hash can tell.
    ledger[1] = Buffer.from(
      ledger[1].toString('utf8').replace(/"amount_cents":(-?)(\d)/, (_all, sign: string, digit: string) => {
        return `"amount_cents":${sign}${digit === '9' ? '8' : String(Number(digit) + 1)}`;
      }),
    );
    await refusedWith(await zipOf(items), 'hash_mismatch');
  });

  it('an entry the manifest does not list', async () => {
    const items = await entries(good);
    items.splice(1, 0, ['media/00/extra', Buffer.from('not from the server')]);
    await refusedWith(await zipOf(items), 'unlisted_entry');
  });

  it('an entry the manifest lists but the file lacks', async () => {
    const items = (await entries(good)).filter(([name]) => name !== 'data/tickets.jsonl');
    await refusedWith(await zipOf(items), 'missing_entry');
  });

  it('rows that hash right but break the database: the rows before them are rolled back too', async () => {
    const items = await entries(good);
    const messages = items.find(([name]) => name === 'data/messages.jsonl');
    const manifestItem = items.find(([name]) => name === 'manifest.json');
    if (!messages || !manifestItem) throw new Error('no messages');
    const lines = messages[1].toString('utf8').trimEnd().split('\n');
    lines[lines.length - 1] = (lines.at(-1) ?? '').replace(/"contact_id":"[^"]+"/, '"contact_id":"no-such-contact"');
    messages[1] = Buffer.from(`${lines.join('\n')}\n`);
    const manifest = ExportManifest.parse(JSON.parse(manifestItem[1].toString('utf8')));
    for (const table of manifest.tables)
      if (table.name === 'messages') Object.assign(table, { bytes: messages[1].length, sha256: hashOf(messages[1]) });
    manifestItem[1] = Buffer.from(JSON.stringify(manifest));
    await refusedWith(await zipOf(items), 'database_refused');
  });

  it('and then takes the untouched export', async () => {
    const file = join(dir, 'again.zip');
    writeFileSync(file, good);
    const summary = await importFacility(target.db, target.media, file);
    expect(summary.rows.messages).toBe(exported.manifest.tables.find((t) => t.name === 'messages')?.rows);
    expect(summary.media).toBe(exported.manifest.media.length);
  });
});
