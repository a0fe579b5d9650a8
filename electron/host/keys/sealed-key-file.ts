import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Seals and unseals the key at rest: Electron safeStorage or systemd-creds in the product (key-sealing.ts
 * chooses), nothing in the preview host.
 */
export interface KeySealer {
  readonly kind: 'safeStorage' | 'systemd-creds' | 'dev-plaintext';
  seal(plain: string): Buffer;
  unseal(sealed: Buffer): string;
}

/**
 * Returns this device's database key (32 random bytes, hex), creating and
 * sealing it on first use. The sealed file is written atomically (temp +
 * rename) so a power cut never leaves half a key behind.
 */
export function loadOrCreateDatabaseKey(file: string, sealer: KeySealer): string {
  if (existsSync(file)) {
    const hex = sealer.unseal(readFileSync(file));
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`The sealed database key in ${file} is not valid`);
    return hex;
  }
  const hex = randomBytes(32).toString('hex');
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  writeFileSync(temp, sealer.seal(hex), { mode: 0o600 });
  renameSync(temp, file);
  return hex;
}

/** The preview host's sealer: a plain dev key file. Never used in the product. */
export const devPlaintextSealer: KeySealer = {
  kind: 'dev-plaintext',
  seal: (plain) => Buffer.from(plain, 'utf8'),
  unseal: (sealed) => sealed.toString('utf8').trim(),
};
