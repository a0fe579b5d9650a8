/**
 * Which backend seals the database key on this machine (docs/DEPLOY.md, "The OS keyring"). A pure
 * choice from what the host probed, so every case is a unit test; electron/main applies it.
 *
 * The rule a careful desktop app follows: never seal with something that is not a secret. On Linux,
 * Electron's safeStorage falls back to the 'basic_text' backend (a key hard-coded in Chromium) when no
 * keyring answers; sealing with it would leave the database key readable by anyone with the disk. So:
 *  - Windows (DPAPI) and macOS (Keychain): safeStorage, when it says encryption is available;
 *  - Linux with a real keyring (libsecret / kwallet): safeStorage;
 *  - Linux without one: `systemd-creds`, bound to the TPM2 when there is one, else to the host key
 *    (/var/lib/systemd/credential.secret, root-only) when the process can read it;
 *  - otherwise: refuse (the kiosk does not start and says why), never a plain-text seal.
 * A key already sealed stays with its backend while that backend is still usable, so a device whose
 * keyring later appears or disappears can still open its database.
 */

/** What `safeStorage.getSelectedStorageBackend()` reports on Linux. */
export type LinuxSafeStorageBackend =
  'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

export type KeySealing =
  | { kind: 'safeStorage' }
  | { kind: 'systemd-creds'; withKey: 'tpm2' | 'host' }
  | { kind: 'refuse'; reason: 'no_secret_store' | 'existing_backend_gone' };

export interface KeySealingProbe {
  readonly platform: NodeJS.Platform;
  /** `safeStorage.isEncryptionAvailable()`. */
  readonly safeStorageAvailable: boolean;
  /** Linux only; null elsewhere. */
  readonly linuxBackend: LinuxSafeStorageBackend | null;
  /** `systemd-creds` runs here; `has-tpm2` said yes; the host credential key can be read by this process. */
  readonly systemdCreds: { readonly present: boolean; readonly tpm2: boolean; readonly hostKeyReadable: boolean };
  /** How the existing sealed key was sealed (its `.backend` note), or null for none / a new device. */
  readonly existing: Exclude<KeySealing, { kind: 'refuse' }> | null;
}

const realLinuxBackends: ReadonlySet<LinuxSafeStorageBackend> = new Set([
  'gnome_libsecret',
  'kwallet',
  'kwallet5',
  'kwallet6',
]);

function safeStorageIsSecret(probe: KeySealingProbe): boolean {
  if (!probe.safeStorageAvailable) return false;
  if (probe.platform !== 'linux') return probe.platform === 'win32' || probe.platform === 'darwin';
  return probe.linuxBackend !== null && realLinuxBackends.has(probe.linuxBackend);
}

function systemdCredsKey(probe: KeySealingProbe): 'tpm2' | 'host' | null {
  if (probe.platform !== 'linux' || !probe.systemdCreds.present) return null;
  if (probe.systemdCreds.tpm2) return 'tpm2';
  return probe.systemdCreds.hostKeyReadable ? 'host' : null;
}

export function chooseKeySealing(probe: KeySealingProbe): KeySealing {
  const creds = systemdCredsKey(probe);
  if (probe.existing) {
    if (probe.existing.kind === 'safeStorage') {
      return safeStorageIsSecret(probe) ? probe.existing : { kind: 'refuse', reason: 'existing_backend_gone' };
    }
    const usable = probe.existing.withKey === 'tpm2' ? probe.systemdCreds.tpm2 : creds === 'host';
    return probe.systemdCreds.present && usable ? probe.existing : { kind: 'refuse', reason: 'existing_backend_gone' };
  }
  if (safeStorageIsSecret(probe)) return { kind: 'safeStorage' };
  if (creds) return { kind: 'systemd-creds', withKey: creds };
  return { kind: 'refuse', reason: 'no_secret_store' };
}

/** The note kept beside the sealed key (`<key file>.backend`), so the same backend opens it next time. */
export function describeSealing(sealing: Exclude<KeySealing, { kind: 'refuse' }>): string {
  return sealing.kind === 'safeStorage' ? 'safeStorage' : `systemd-creds:${sealing.withKey}`;
}

/** The note read back; a key file without one was sealed by safeStorage (every device before this note). */
export function parseSealingNote(note: string | null, keyFileExists: boolean): KeySealingProbe['existing'] {
  // No key (a new device, or after a wipe): whatever the note says, there is nothing to keep.
  if (!keyFileExists) return null;
  const text = note?.trim() ?? null;
  if (text === 'systemd-creds:tpm2') return { kind: 'systemd-creds', withKey: 'tpm2' };
  if (text === 'systemd-creds:host') return { kind: 'systemd-creds', withKey: 'host' };
  return { kind: 'safeStorage' };
}
