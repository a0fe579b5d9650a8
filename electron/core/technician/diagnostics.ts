import type { Database } from 'better-sqlite3';
import { existsSync, readdirSync, statSync, statfsSync } from 'node:fs';
import { join } from 'node:path';

/** What a technician sees on the diagnostics screen (also sent to the server with the device reports). */
export interface Diagnostics {
  appVersion: string;
  deviceId: string | null;
  facilityName: string | null;
  unitName: string | null;
  mode: 'kiosk' | 'tablet' | 'unprovisioned';
  lastSyncAt: number | null;
  lastSyncDurationMs: number | null;
  outboxDepth: number;
  quarantinedChanges: number;
  mediaCacheBytes: number;
  freeDiskBytes: number | null;
  /** 'ok', or the first problems found. */
  databaseIntegrity: string;
  serverLatencyMs: number | null;
  recentErrors: { at: number; message: string }[];
}

/** Everything diagnostics reads, so it can be tested and so it stays a read-only view. */
export interface DiagnosticsSources {
  readonly db: Database;
  readonly dataDir: string;
  readonly mediaDir: string;
  readonly appVersion: string;
  identity(): {
    deviceId: string | null;
    facilityName: string | null;
    unitName: string | null;
    mode: Diagnostics['mode'];
  };
  syncStats(): {
    lastSyncAt: number | null;
    lastSyncDurationMs: number | null;
    outboxDepth: number;
    quarantinedChanges: number;
  };
  /** One round trip to the server's health endpoint; null when it does not answer. */
  measureLatency(): Promise<number | null>;
  recentErrors(): { at: number; message: string }[];
}

function directoryBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += directoryBytes(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

function freeDisk(dir: string): number | null {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

/**
 * `PRAGMA quick_check` reads every page (so a torn or tampered page of the
 * encrypted file shows as a decryption failure) without the full index
 * cross-check of integrity_check, which takes minutes on a big cache.
 */
function checkDatabase(db: Database): string {
  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const problems = rows.map((row) => row.quick_check).filter((result) => result !== 'ok');
    return problems.length === 0 ? 'ok' : problems.slice(0, 5).join('; ');
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export async function collectDiagnostics(sources: DiagnosticsSources): Promise<Diagnostics> {
  const identity = sources.identity();
  const stats = sources.syncStats();
  return {
    appVersion: sources.appVersion,
    ...identity,
    ...stats,
    mediaCacheBytes: directoryBytes(sources.mediaDir),
    freeDiskBytes: freeDisk(sources.dataDir),
    databaseIntegrity: checkDatabase(sources.db),
    serverLatencyMs: await sources.measureLatency(),
    recentErrors: sources.recentErrors().slice(-20),
  };
}
