import { closeSync, existsSync, fsyncSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/**
 * Crypto-erase of a device being retired or reassigned: the sealed key goes
 * first (after that, whatever is left on the disk is ciphertext nobody can
 * read), then the database with its WAL and the media cache. Media blobs are
 * stored in the clear by content hash (photos, books), so each file is
 * overwritten before it is unlinked.
 */
export function wipeDevice(paths: { keyFile: string; dataDir: string }): { removedFiles: number } {
  destroyDatabaseKey(paths.keyFile);
  let removedFiles = 0;
  const overwriteTree = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) overwriteTree(path);
      else if (entry.isFile()) {
        // One pass of random bytes over the whole file, in place (not truncated, so no block is
        // freed with its old content) and fsynced before the unlink, or the OS may never write it.
        // Flash wear-levelling is why the key, not this, is the real erase.
        overwriteInPlace(path);
        removedFiles += 1;
      }
    }
  };
  overwriteTree(paths.dataDir);
  rmSync(paths.dataDir, { recursive: true, force: true });
  return { removedFiles };
}

function overwriteInPlace(path: string): void {
  const size = statSync(path).size;
  if (size === 0) return;
  const fd = openSync(path, 'r+');
  try {
    const chunk = 1024 * 1024;
    for (let at = 0; at < size; at += chunk) writeSync(fd, randomBytes(Math.min(chunk, size - at)), 0, undefined, at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Crypto-erase: without the key the encrypted database is noise. The host writes the sealed
 * key file (electron/host/keys); core only ever destroys it.
 */
function destroyDatabaseKey(file: string): void {
  if (!existsSync(file)) return;
  // Overwrite in place (same length, fsynced) before unlinking, for file systems that do not reuse blocks at once.
  const size = Math.max(statSync(file).size, 1);
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, randomBytes(size), 0, size, 0);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  rmSync(file, { force: true });
}
