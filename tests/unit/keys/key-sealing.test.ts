import { describe, expect, it } from 'vitest';
import {
  chooseKeySealing,
  describeSealing,
  parseSealingNote,
  type KeySealingProbe,
} from '../../../electron/host/keys/key-sealing';

const noCreds = { present: false, tpm2: false, hostKeyReadable: false };
const linux = (over: Partial<KeySealingProbe> = {}): KeySealingProbe => ({
  platform: 'linux',
  safeStorageAvailable: true,
  linuxBackend: 'gnome_libsecret',
  systemdCreds: noCreds,
  existing: null,
  ...over,
});

describe('chooseKeySealing', () => {
  it('uses safeStorage with a real keyring on Linux, and on Windows and macOS', () => {
    for (const backend of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'] as const)
      expect(chooseKeySealing(linux({ linuxBackend: backend }))).toEqual({ kind: 'safeStorage' });
    for (const platform of ['win32', 'darwin'] as const)
      expect(chooseKeySealing(linux({ platform, linuxBackend: null }))).toEqual({ kind: 'safeStorage' });
  });

  it("never seals with safeStorage's plain-text backend (or an unknown one): systemd-creds instead", () => {
    for (const backend of ['basic_text', 'unknown'] as const) {
      expect(
        chooseKeySealing(
          linux({ linuxBackend: backend, systemdCreds: { present: true, tpm2: true, hostKeyReadable: false } }),
        ),
      ).toEqual({ kind: 'systemd-creds', withKey: 'tpm2' });
      expect(
        chooseKeySealing(
          linux({ linuxBackend: backend, systemdCreds: { present: true, tpm2: false, hostKeyReadable: true } }),
        ),
      ).toEqual({ kind: 'systemd-creds', withKey: 'host' });
    }
  });

  it('refuses when there is no secret store at all: no keyring, no TPM, no readable host key', () => {
    expect(chooseKeySealing(linux({ linuxBackend: 'basic_text' }))).toEqual({
      kind: 'refuse',
      reason: 'no_secret_store',
    });
    expect(
      chooseKeySealing(
        linux({ linuxBackend: 'basic_text', systemdCreds: { present: true, tpm2: false, hostKeyReadable: false } }),
      ),
    ).toEqual({ kind: 'refuse', reason: 'no_secret_store' });
    expect(chooseKeySealing(linux({ safeStorageAvailable: false }))).toEqual({
      kind: 'refuse',
      reason: 'no_secret_store',
    });
    expect(chooseKeySealing(linux({ platform: 'win32', safeStorageAvailable: false }))).toMatchObject({
      kind: 'refuse',
    });
    expect(chooseKeySealing(linux({ platform: 'freebsd' }))).toMatchObject({ kind: 'refuse' });
  });

  it('keeps an existing key with its backend, and refuses (not reseals) when that backend is gone', () => {
    const tpm = { present: true, tpm2: true, hostKeyReadable: false };
    // A keyring appeared since the key was sealed with the TPM: still the TPM.
    expect(
      chooseKeySealing(linux({ systemdCreds: tpm, existing: { kind: 'systemd-creds', withKey: 'tpm2' } })),
    ).toEqual({
      kind: 'systemd-creds',
      withKey: 'tpm2',
    });
    expect(chooseKeySealing(linux({ existing: { kind: 'systemd-creds', withKey: 'tpm2' } }))).toEqual({
      kind: 'refuse',
      reason: 'existing_backend_gone',
    });
    // The keyring went away: the old key is not opened with the plain-text fallback.
    expect(
      chooseKeySealing(linux({ linuxBackend: 'basic_text', systemdCreds: tpm, existing: { kind: 'safeStorage' } })),
    ).toEqual({ kind: 'refuse', reason: 'existing_backend_gone' });
  });
});

describe('the note beside the sealed key', () => {
  it('round-trips, and a key file without a note was sealed by safeStorage', () => {
    for (const sealing of [
      { kind: 'safeStorage' },
      { kind: 'systemd-creds', withKey: 'tpm2' },
      { kind: 'systemd-creds', withKey: 'host' },
    ] as const)
      expect(parseSealingNote(`${describeSealing(sealing)}\n`, true)).toEqual(sealing);
    expect(parseSealingNote(null, true)).toEqual({ kind: 'safeStorage' });
    expect(parseSealingNote(null, false)).toBeNull();
    expect(parseSealingNote('systemd-creds:tpm2', false)).toBeNull(); // wiped: the note outlived its key
  });
});
