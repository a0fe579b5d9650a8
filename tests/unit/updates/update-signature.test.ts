import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyManifestSignature } from '../../../electron/host/updates/update-signature';

const release = generateKeyPairSync('ed25519');
const publicPem = release.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const manifest = Buffer.from('version: 1.1.0\nfiles:\n  - url: kiosk-1.1.0.AppImage\n    sha512: abc\n');
const signature = sign(null, manifest, release.privateKey).toString('base64');

describe('verifyManifestSignature', () => {
  it('accepts the manifest signed with the release key', () => {
    expect(verifyManifestSignature(manifest, signature, publicPem)).toBe(true);
  });
  it('rejects a manifest changed after signing (e.g. another installer hash)', () => {
    const tampered = Buffer.from(manifest.toString().replace('abc', 'abd'));
    expect(verifyManifestSignature(tampered, signature, publicPem)).toBe(false);
  });
  it('rejects a signature made with another key (a facility server forging one)', () => {
    const other = generateKeyPairSync('ed25519');
    const forged = sign(null, manifest, other.privateKey).toString('base64');
    expect(verifyManifestSignature(manifest, forged, publicPem)).toBe(false);
  });
  it('rejects garbage signatures and keys without throwing', () => {
    expect(verifyManifestSignature(manifest, 'not base64 at all', publicPem)).toBe(false);
    expect(verifyManifestSignature(manifest, '', publicPem)).toBe(false);
    expect(verifyManifestSignature(manifest, signature, 'not a key')).toBe(false);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(
      verifyManifestSignature(manifest, signature, rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString()),
    ).toBe(false);
  });
});
