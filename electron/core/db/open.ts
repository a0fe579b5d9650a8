import Database from 'better-sqlite3';
import { migrate, migrations, type Migration } from './migrations';

export interface OpenDatabaseOptions {
  file: string;
  /** 32 random bytes per device. null only for benchmarks comparing against plain SQLite. */
  key: Buffer | null;
  /** The schema steps to apply; every one unless a benchmark compares against an older schema. */
  schema?: readonly Migration[];
}

export class DatabaseKeyError extends Error {
  constructor() {
    super('The device database cannot be opened with this key (wrong key or corrupt file).');
    this.name = 'DatabaseKeyError';
  }
}

/**
 * Opens the encrypted device cache (SQLite3 Multiple Ciphers, ChaCha20-Poly1305,
 * the library's default cipher) and brings it to the newest schema.
 *
 * Durability: WAL with synchronous=FULL. A kiosk is unplugged without warning,
 * and an outbox row a user saw as "queued" must survive that, so each commit is
 * fsynced; WAL keeps readers off the writer's path so the cost stays small.
 *
 * Checkpoints: every 4,000 pages (about 16 MB of WAL) instead of SQLite's
 * 1,000. A first sync writes the same index pages over and over; copying them
 * back into the database file four times less often made applying a 100k-row
 * pull about a quarter faster (tests/bench/device-cache.ts). After a
 * checkpoint the WAL file is cut back to 16 MB, so it cannot keep more disk.
 */
export function openDatabase({ file, key, schema = migrations }: OpenDatabaseOptions): Database.Database {
  const db = new Database(file);
  try {
    if (key) {
      if (key.length !== 32) throw new Error('The database key must be 32 bytes');
      db.pragma(`hexkey = '${key.toString('hex')}'`);
    }
    try {
      // The first read is where a wrong key or a corrupt header shows.
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch {
      throw new DatabaseKeyError();
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('wal_autocheckpoint = 4000');
    db.pragma(`journal_size_limit = ${16 * 1024 * 1024}`);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, schema);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
