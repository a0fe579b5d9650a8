import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decideUpdate,
  electronFingerprint,
  readSignedRelease,
  type ReleaseStatement,
} from '../../../electron/host/updates/release-statement';

/**
 * Issue #12, item 4: "an old signed manifest plus a forged newer version number installs the old
 * build". The signed statement binds version, file names, SHA-512s and a minimum version; the device
 * installs only what is newer than what runs, not under its floor, and exactly what was signed.
 */
const release = generateKeyPairSync('ed25519');
const publicPem = release.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const sha512 = (text: string) => createHash('sha512').update(text).digest('base64');

function signed(statement: unknown): { bytes: Buffer; signature: string } {
  const bytes = Buffer.from(JSON.stringify(statement));
  return { bytes, signature: sign(null, bytes, release.privateKey).toString('base64') };
}

const v110: ReleaseStatement = {
  version: '1.1.0',
  minimumVersion: '1.0.0',
  files: [{ url: 'Open-Kiosk-1.1.0.AppImage', sha512: sha512('build 1.1.0') }],
};
const v100: ReleaseStatement = {
  version: '1.0.0',
  minimumVersion: '0.9.0',
  files: [{ url: 'Open-Kiosk-1.0.0.AppImage', sha512: sha512('build 1.0.0') }],
};
const offer = (statement: ReleaseStatement) => ({ version: statement.version, files: statement.files });
const decide = (
  statement: ReleaseStatement,
  offered = offer(statement),
  running = '1.0.5',
  floor: string | null = null,
) => decideUpdate({ statement, offered, running, floor, rejectedVersions: [] });

describe('readSignedRelease', () => {
  it('reads a statement signed with the release key', () => {
    const { bytes, signature } = signed(v110);
    expect(readSignedRelease(bytes, signature, publicPem)).toEqual(v110);
  });

  it('refuses a statement changed after signing, signed by another key, malformed, or oversized', () => {
    const { bytes, signature } = signed(v110);
    const forgedVersion = Buffer.from(bytes.toString().replace('"1.1.0"', '"9.9.9"'));
    expect(readSignedRelease(forgedVersion, signature, publicPem)).toBeNull();
    const other = generateKeyPairSync('ed25519');
    expect(readSignedRelease(bytes, sign(null, bytes, other.privateKey).toString('base64'), publicPem)).toBeNull();
    for (const bad of [
      { ...v110, version: 'v1.1' },
      { ...v110, minimumVersion: '2.0.0' },
      { ...v110, files: [] },
    ]) {
      const s = signed(bad);
      expect(readSignedRelease(s.bytes, s.signature, publicPem)).toBeNull();
    }
    const big = signed({ ...v110, padding: 'x'.repeat(20_000) });
    expect(readSignedRelease(big.bytes, big.signature, publicPem)).toBeNull();
  });
});

describe('decideUpdate', () => {
  it('installs a newer signed release whose feed matches it, and raises the floor to its minimum', () => {
    expect(decide(v110)).toEqual({ install: true, floor: '1.0.0' });
    expect(decide(v110, offer(v110), '1.0.5', '1.0.2')).toEqual({ install: true, floor: '1.0.2' });
  });

  it('refuses the attack as seen: the old signed build under a forged newer version number', () => {
    // The feed (unsigned latest.yml) says 1.2.0 and carries the 1.0.0 installer's name and hash.
    const forgedFeed = { version: '1.2.0', files: v100.files };
    expect(decide(v100, forgedFeed)).toEqual({ install: false, reason: 'version_mismatch' });
    // Same, with a genuine newer statement next to it: the 1.0.0 installer is not in it.
    expect(decide(v110, { version: '1.1.0', files: v100.files })).toEqual({
      install: false,
      reason: 'file_not_signed',
    });
  });

  it('refuses an old signed release replayed as is: nothing not greater than what runs', () => {
    expect(decide(v100)).toEqual({ install: false, reason: 'not_newer' });
    expect(decide(v110, offer(v110), '1.1.0')).toEqual({ install: false, reason: 'not_newer' });
    expect(decide(v110, offer(v110), '1.1.0-rc.1')).toMatchObject({ install: true });
    expect(decide(v110, offer(v110), 'garbage')).toEqual({ install: false, reason: 'not_newer' });
  });

  it('refuses a release under the floor a later statement set, even if newer than what runs', () => {
    expect(decide(v110, offer(v110), '1.0.5', '1.2.0')).toEqual({ install: false, reason: 'below_floor' });
  });

  it('refuses an installer whose name or hash is not signed, and an empty feed', () => {
    const file = v110.files[0]!;
    expect(decide(v110, { version: '1.1.0', files: [{ ...file, url: 'other.AppImage' }] })).toMatchObject({
      reason: 'file_not_signed',
    });
    expect(decide(v110, { version: '1.1.0', files: [{ ...file, sha512: sha512('evil') }] })).toMatchObject({
      reason: 'file_not_signed',
    });
    expect(decide(v110, { version: '1.1.0', files: [] })).toMatchObject({ reason: 'file_not_signed' });
  });

  it('never offers again a version that failed to start here', () => {
    expect(
      decideUpdate({
        statement: v110,
        offered: offer(v110),
        running: '1.0.5',
        floor: null,
        rejectedVersions: ['1.1.0'],
      }),
    ).toEqual({ install: false, reason: 'failed_here_before' });
  });
});

describe('electronFingerprint', () => {
  it("turns the enrolled pin into Electron's sha256/base64 form, and refuses anything else", () => {
    const hex = 'AB:'.repeat(31) + 'CD';
    expect(electronFingerprint(hex)).toBe(`sha256/${Buffer.from('AB'.repeat(31) + 'CD', 'hex').toString('base64')}`);
    expect(electronFingerprint('')).toBeNull();
    expect(electronFingerprint('AB:CD')).toBeNull();
  });
});

describe('scripts/release-key.mjs sign', () => {
  it('writes a statement the device reads, with the SHA-512 electron-builder would write', () => {
    const dir = mkdtempSync(join(tmpdir(), 'release-'));
    const key = join(dir, 'private.pem');
    writeFileSync(key, release.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const installer = join(dir, 'Open-Kiosk-1.2.0.AppImage');
    writeFileSync(installer, 'the installer bytes');
    const script = join(import.meta.dirname, '../../../scripts/release-key.mjs');
    execFileSync(process.execPath, [script, 'sign', key, '1.2.0', '1.1.0', installer]);
    const statement = readSignedRelease(
      readFileSync(join(dir, 'release.json')),
      readFileSync(join(dir, 'release.json.sig'), 'utf8'),
      publicPem,
    );
    expect(statement).toEqual({
      version: '1.2.0',
      minimumVersion: '1.1.0',
      files: [{ url: 'Open-Kiosk-1.2.0.AppImage', sha512: sha512('the installer bytes') }],
    });
  });
});
