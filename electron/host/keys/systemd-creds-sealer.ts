import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { KeySealer } from './sealed-key-file';
import {
  describeSealing,
  parseSealingNote,
  type KeySealing,
  type KeySealingProbe,
  type LinuxSafeStorageBackend,
} from './key-sealing';

/** The credential name bound into the sealed blob: it only decrypts as this name. */
const CREDENTIAL_NAME = 'open-kiosk-database-key';
const HOST_KEY = '/var/lib/systemd/credential.secret';

/** systemd-creds (systemd ≥ 250) seals with the TPM2 and/or the host key; the blob is useless elsewhere. */
export function systemdCredsSealer(withKey: 'tpm2' | 'host'): KeySealer {
  return {
    kind: 'systemd-creds',
    seal: (plain) =>
      execFileSync('systemd-creds', ['encrypt', `--with-key=${withKey}`, `--name=${CREDENTIAL_NAME}`, '-', '-'], {
        input: plain,
      }),
    unseal: (sealed) =>
      execFileSync('systemd-creds', ['decrypt', `--name=${CREDENTIAL_NAME}`, '-', '-'], { input: sealed }).toString(
        'utf8',
      ),
  };
}

function canRead(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** What this machine offers for sealing (the inputs of chooseKeySealing), probed once at start. */
export function probeKeySealing(
  keyFile: string,
  safeStorage: { available: boolean; linuxBackend: LinuxSafeStorageBackend | null },
): KeySealingProbe {
  const linux = process.platform === 'linux';
  const present = linux && spawnSync('systemd-creds', ['--version'], { stdio: 'ignore' }).status === 0;
  // `has-tpm2` prints yes/partial/no and exits 0 only when a usable TPM2 is there.
  const tpm2 = present && spawnSync('systemd-creds', ['has-tpm2', '--quiet'], { stdio: 'ignore' }).status === 0;
  const noteFile = `${keyFile}.backend`;
  return {
    platform: process.platform,
    safeStorageAvailable: safeStorage.available,
    linuxBackend: linux ? safeStorage.linuxBackend : null,
    systemdCreds: { present, tpm2, hostKeyReadable: present && canRead(HOST_KEY) },
    existing: parseSealingNote(existsSync(noteFile) ? readFileSync(noteFile, 'utf8') : null, existsSync(keyFile)),
  };
}

/** Records which backend sealed the key, so the next start opens it with the same one. */
export function writeSealingNote(keyFile: string, sealing: Exclude<KeySealing, { kind: 'refuse' }>): void {
  writeFileSync(`${keyFile}.backend`, `${describeSealing(sealing)}\n`, { mode: 0o600 });
}
