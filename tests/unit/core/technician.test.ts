import Database from 'better-sqlite3';
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdtempSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import type { TechnicianRow } from '../../../shared/sync/rows';
import { hashSecret } from '../../../shared/node/scrypt';
import { DatabaseKeyError, openDatabase } from '../../../electron/core/db/open';
import { devPlaintextSealer, loadOrCreateDatabaseKey } from '../../../electron/host/keys/sealed-key-file';
import { auditLog } from '../../../electron/core/db/migrations/0002_audit_log';
import { AuditLog } from '../../../electron/core/technician/audit-log';
import { TechnicianAuth } from '../../../electron/core/technician/technician-auth';
import { wipeDevice } from '../../../electron/core/technician/wipe';

const fastParams = { N: 1024, r: 8, p: 1 };
const SCREEN = 'webcontents-1';

async function technician(name: string, secret: string, active = true): Promise<TechnicianRow> {
  return { id: uuidv7(), facilityId: uuidv7(), name, secretHash: await hashSecret(secret, fastParams), active };
}

describe('TechnicianAuth', () => {
  it('signs in with the name and credential issued by the server, offline', async () => {
    const rows = [await technician('Sam Ortiz', 'tech-secret-1')];
    const auth = new TechnicianAuth({ technicians: () => rows, now: () => 1_000 });
    const result = await auth.signIn('  sam ortiz ', 'tech-secret-1', SCREEN);
    expect(result).toEqual({ ok: true, technician: { id: rows[0]?.id, name: 'Sam Ortiz' } });
    expect(auth.active(SCREEN)?.name).toBe('Sam Ortiz');
  });

  it('refuses a wrong credential, an unknown name and a deactivated technician', async () => {
    const rows = [await technician('Sam Ortiz', 'tech-secret-1'), await technician('Old Tech', 'old-secret', false)];
    const auth = new TechnicianAuth({ technicians: () => rows, now: () => 1_000, maxFailures: 10 });
    expect(await auth.signIn('Sam Ortiz', 'guess', SCREEN)).toMatchObject({ ok: false, reason: 'wrong_credential' });
    expect(await auth.signIn('Nobody', 'tech-secret-1', SCREEN)).toMatchObject({
      ok: false,
      reason: 'wrong_credential',
    });
    expect(await auth.signIn('Old Tech', 'old-secret', SCREEN)).toMatchObject({
      ok: false,
      reason: 'wrong_credential',
    });
    expect(auth.active(SCREEN)).toBeNull();
  });

  it('locks out after three failures, even for the right credential, until the lockout ends', async () => {
    const rows = [await technician('Sam Ortiz', 'tech-secret-1')];
    let now = 0;
    const auth = new TechnicianAuth({ technicians: () => rows, now: () => now, lockoutMs: 300_000 });
    await auth.signIn('Sam Ortiz', 'a', SCREEN);
    await auth.signIn('Sam Ortiz', 'b', SCREEN);
    expect(await auth.signIn('Sam Ortiz', 'c', SCREEN)).toEqual({ ok: false, reason: 'locked_out', retryAt: 300_000 });
    now = 299_999;
    expect(await auth.signIn('Sam Ortiz', 'tech-secret-1', SCREEN)).toMatchObject({ ok: false, reason: 'locked_out' });
    now = 300_000;
    expect(await auth.signIn('Sam Ortiz', 'tech-secret-1', SCREEN)).toMatchObject({ ok: true });
  });

  it('is tied to the connection that signed in: another screen or connection cannot use it', async () => {
    const rows = [await technician('Sam Ortiz', 'tech-secret-1')];
    const auth = new TechnicianAuth({ technicians: () => rows, now: () => 1_000 });
    await auth.signIn('Sam Ortiz', 'tech-secret-1', SCREEN);
    expect(auth.active('webcontents-2')).toBeNull();
    expect(auth.active(SCREEN)?.name).toBe('Sam Ortiz');
    auth.signOut('webcontents-2'); // someone else signing out leaves this session alone
    expect(auth.active(SCREEN)).not.toBeNull();
    auth.signOut(SCREEN);
    expect(auth.active(SCREEN)).toBeNull();
  });

  it('ends an idle technician session', async () => {
    const rows = [await technician('Sam Ortiz', 'tech-secret-1')];
    let now = 0;
    const auth = new TechnicianAuth({ technicians: () => rows, now: () => now, sessionIdleMs: 60_000 });
    await auth.signIn('Sam Ortiz', 'tech-secret-1', SCREEN);
    now = 59_000;
    expect(auth.active(SCREEN)).not.toBeNull();
    now = 59_000 + 60_001;
    expect(auth.active(SCREEN)).toBeNull();
  });
});

describe('AuditLog', () => {
  it('keeps every action until the server acknowledged it', () => {
    const db = new Database(':memory:');
    auditLog.up(db);
    let now = 10;
    const log = new AuditLog(db, () => (now += 1));
    const tech = uuidv7();
    const a = log.record({ technicianId: tech, action: 'sync-now' });
    const b = log.record({ technicianId: tech, action: 'exit-kiosk', detail: { minutes: 30 } });
    expect(log.unreported().map((i) => i.action)).toEqual(['sync-now', 'exit-kiosk']);
    expect(log.unreported()[1]).toEqual(b);
    log.markReported([a.id]);
    expect(log.unreported().map((i) => i.id)).toEqual([b.id]);
    expect(log.recent().map((i) => i.id)).toEqual([b.id, a.id]);
  });
});

describe('wipeDevice', () => {
  /**
   * Deleting a directory proves nothing: unlinked blocks stay on the card. So
   * before the wipe every file gets a hard link in a "forensics" folder (its
   * blocks, still reachable after the unlink) and the database and key file
   * are copied (an image taken before the wipe). After the wipe: the linked
   * blocks hold neither the key nor any plaintext (they were overwritten, not
   * only unlinked), the key exists nowhere on disk, and the imaged database
   * cannot be opened with the key the device makes when it starts over.
   */
  it('overwrites every file in place and leaves a database image that no key on the disk opens', () => {
    const root = mkdtempSync(join(tmpdir(), 'kiosk-wipe-'));
    const forensics = mkdtempSync(join(tmpdir(), 'kiosk-wipe-forensics-'));
    const dataDir = join(root, 'device');
    const keyFile = join(root, 'database.key.dev');
    mkdirSync(join(dataDir, 'media', 'ab'), { recursive: true });
    mkdirSync(join(dataDir, 'logs'), { recursive: true });
    const keyHex = loadOrCreateDatabaseKey(keyFile, devPlaintextSealer);
    const secretText = 'Meet me at visiting hour, love Maria';
    const db = openDatabase({ file: join(dataDir, 'device.db'), key: Buffer.from(keyHex, 'hex') });
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('note', JSON.stringify(secretText));
    db.close();
    writeFileSync(join(dataDir, 'media', 'ab', 'ab12'), `photo caption: ${secretText}`.repeat(40_000)); // > 1 MiB
    writeFileSync(join(dataDir, 'logs', 'core.log'), `{"message":"draft saved: ${secretText}"}\n`);

    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) walk(path);
        else files.push(path);
      }
    };
    walk(root);
    const blocks = files.map((file, i) => {
      const link = join(forensics, `inode-${i}`);
      linkSync(file, link);
      return { file, link, size: statSync(file).size };
    });
    const dbImage = join(forensics, 'device.db.image');
    copyFileSync(join(dataDir, 'device.db'), dbImage);
    const keyImage = readFileSync(keyFile);
    const leaks = (bytes: Buffer) => bytes.includes(secretText) || bytes.includes(keyHex) || bytes.includes(keyImage);

    // Control: before the wipe the blocks do hold the key and the plaintext, and the image opens with the key.
    expect(
      blocks
        .filter((b) => leaks(readFileSync(b.link)))
        .map((b) => b.file)
        .sort(),
    ).toEqual([keyFile, join(dataDir, 'media', 'ab', 'ab12'), join(dataDir, 'logs', 'core.log')].sort());
    const control = openDatabase({ file: dbImage, key: Buffer.from(keyHex, 'hex') });
    expect(control.prepare('SELECT value FROM settings WHERE key = ?').get('note')).toEqual({
      value: JSON.stringify(secretText),
    });
    control.close();
    copyFileSync(join(dataDir, 'device.db'), dbImage); // the image as it was, untouched by the control open

    const { removedFiles } = wipeDevice({ keyFile, dataDir });
    expect(removedFiles).toBe(files.length - 1); // every file of the data folder; the key file separately
    expect(existsSync(keyFile)).toBe(false);
    expect(existsSync(dataDir)).toBe(false);

    // The old blocks were overwritten in place, at full length (not truncated to free them with their content).
    for (const block of blocks) {
      const bytes = readFileSync(block.link);
      expect(leaks(bytes), block.file).toBe(false);
      expect(bytes.length, block.file).toBe(block.size);
    }
    // The image never held plaintext, and the device's new key does not open it.
    expect(readFileSync(dbImage).includes(secretText)).toBe(false);
    const newKeyHex = loadOrCreateDatabaseKey(keyFile, devPlaintextSealer);
    expect(newKeyHex).not.toBe(keyHex);
    expect(() => openDatabase({ file: dbImage, key: Buffer.from(newKeyHex, 'hex') })).toThrow(DatabaseKeyError);
    // A fresh device started in the same place: no old key, no plaintext anywhere under its folder.
    mkdirSync(dataDir, { recursive: true });
    openDatabase({ file: join(dataDir, 'device.db'), key: Buffer.from(newKeyHex, 'hex') }).close();
    const after: string[] = [];
    const scan = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) scan(path);
        else if (leaks(readFileSync(path))) after.push(path);
      }
    };
    scan(root);
    expect(after).toEqual([]);
  });
});
