import Database from 'better-sqlite3';
import { migrate } from './migrations';

export interface OpenDatabaseOptions {
  file: string;
  /** 32 random bytes per device. null only for benchmarks comparing against plain SQLite. */
  key: Buffer | null;
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
 */
export function openDatabase({ file, key }: OpenDatabaseOptions): Database.Database {
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
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
