import { createPublicKey, verify } from 'node:crypto';

/**
 * Updates come from the facility server, which is not a code-signing
 * authority: a compromised facility box must not be able to push an app.
 * So the release manifest (electron-updater's `latest.yml`, which carries the
 * SHA-512 of the installer) is signed offline with the project's Ed25519
 * release key, and the device checks that detached signature against the
 * public key shipped inside the (ASAR-integrity-protected) app before it
 * lets electron-updater download anything. electron-updater then checks the
 * installer against the manifest's SHA-512, so the chain is: pinned key →
 * manifest → installer bytes.
 */
export function verifyManifestSignature(manifest: Buffer, signatureBase64: string, publicKeyPem: string): boolean {
  const signature = Buffer.from(signatureBase64.trim(), 'base64');
  // Ed25519 signatures are exactly 64 bytes; anything else is not worth handing to OpenSSL.
  if (signature.length !== 64) return false;
  let key;
  try {
    key = createPublicKey(publicKeyPem);
  } catch {
    return false;
  }
  if (key.asymmetricKeyType !== 'ed25519') return false;
  return verify(null, manifest, key, signature);
}
