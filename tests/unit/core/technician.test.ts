import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import type { TechnicianRow } from '../../../shared/sync/rows';
import { hashSecret } from '../../../shared/node/scrypt';
import { openDatabase } from '../../../electron/core/db/open';
import { devPlaintextSealer, loadOrCreateDatabaseKey } from '../../../electron/core/keys/sealed-key-file';
import { AuditLog, auditLogTableSql } from '../../../electron/core/technician/audit-log';
import { TechnicianAuth } from '../../../electron/core/technician/technician-auth';
import { wipeDevice } from '../../../electron/core/technician/wipe';

const fastParams = { N: 1024, r: 8, p: 1 };

async function technician(name: string, secret: string, active = true): Promise<TechnicianRow> {
  return { id: uuidv7(), facilityId: uuidv7(), name, secretHash: await hashSecret(secret, fastParams), active };
}

describe('TechnicianAuth', () => {
  it('signs in with the name and credential issued by the server, offline', async () => {
    const rows = [await technician('Sam Ortiz', 'tech-secret-1')];
    const auth = new TechnicianAuth({ technicians: () => rows, now: () => 1_000 });
    const result = await auth.signIn('  sam ortiz ', 'tech-secret-1');
    expect(result).toEqual({ ok: true, technician: { id: rows[0]?.id, name: 'Sam Ortiz' } });
    expect(auth.active()?.name).toBe('Sam Ortiz');
  });

  it('refuses a wrong credential, an unknown name and a deactivated technician', async () => {
    const rows = [await technician('Sam Ortiz', 'tech-secret-1'), await technician('Old Tech', 'old-secret', false)];
    const auth = new TechnicianAuth({ technicians: () => rows, now: () => 1_000, maxFailures: 10 });
    expect(await auth.signIn('Sam Ortiz', 'guess')).toMatchObject({ ok: false, reason: 'wrong_credential' });
    expect(await auth.signIn('Nobody', 'tech-secret-1')).toMatchObject({ ok: false, reason: 'wrong_credential' });
    expect(await auth.signIn('Old Tech', 'old-secret')).toMatchObject({ ok: false, reason: 'wrong_credential' });
    expect(auth.active()).toBeNull();
  });

  it('locks out after three failures, even for the right credential, until the lockout ends', async () => {
    const rows = [await technician('Sam Ortiz', 'tech-secret-1')];
    let now = 0;
    const auth = new TechnicianAuth({ technicians: () => rows, now: () => now, lockoutMs: 300_000 });
    await auth.signIn('Sam Ortiz', 'a');
    await auth.signIn('Sam Ortiz', 'b');
    expect(await auth.signIn('Sam Ortiz', 'c')).toEqual({ ok: false, reason: 'locked_out', retryAt: 300_000 });
    now = 299_999;
    expect(await auth.signIn('Sam Ortiz', 'tech-secret-1')).toMatchObject({ ok: false, reason: 'locked_out' });
    now = 300_000;
    expect(await auth.signIn('Sam Ortiz', 'tech-secret-1')).toMatchObject({ ok: true });
  });

  it('ends an idle technician session', async () => {
    const rows = [await technician('Sam Ortiz', 'tech-secret-1')];
    let now = 0;
    const auth = new TechnicianAuth({ technicians: () => rows, now: () => now, sessionIdleMs: 60_000 });
    await auth.signIn('Sam Ortiz', 'tech-secret-1');
    now = 59_000;
    expect(auth.active()).not.toBeNull();
    now = 59_000 + 60_001;
    expect(auth.active()).toBeNull();
  });
});

describe('AuditLog', () => {
  it('keeps every action until the server acknowledged it', () => {
    const db = new Database(':memory:');
    db.exec(auditLogTableSql);
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
  it('leaves neither the key nor any plaintext of the cache on disk', () => {
    const root = mkdtempSync(join(tmpdir(), 'kiosk-wipe-'));
    const dataDir = join(root, 'device');
    const keyFile = join(root, 'database.key.dev');
    mkdirSync(join(dataDir, 'media'), { recursive: true });
    const keyHex = loadOrCreateDatabaseKey(keyFile, devPlaintextSealer);
    const secretText = 'Meet me at visiting hour, love Maria';
    const db = openDatabase({ file: join(dataDir, 'device.db'), key: Buffer.from(keyHex, 'hex') });
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('note', JSON.stringify(secretText));
    db.close();
    writeFileSync(join(dataDir, 'media', 'ab12'), `photo caption: ${secretText}`);

    const scan = () => {
      const hits: string[] = [];
      const walk = (dir: string) => {
        for (const entry of readdirSync(dir)) {
          const path = join(dir, entry);
          if (statSync(path).isDirectory()) walk(path);
          else {
            const bytes = readFileSync(path);
            if (bytes.includes(secretText) || bytes.includes(keyHex)) hits.push(path);
          }
        }
      };
      walk(root);
      return hits;
    };
    // Before: the plaintext is only in the (unencrypted) media blob, and the key in its file.
    expect(scan().sort()).toEqual([join(dataDir, 'media', 'ab12'), keyFile].sort());

    const { removedFiles } = wipeDevice({ keyFile, dataDir });
    expect(removedFiles).toBeGreaterThanOrEqual(2);
    expect(existsSync(keyFile)).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
    expect(scan()).toEqual([]);
  });
});
