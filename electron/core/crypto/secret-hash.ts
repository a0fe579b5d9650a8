import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { SecretHash } from '../../../shared/sync/secret-hash';

function scryptAsync(secret: string, salt: Buffer, options: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must cover 128·N·r bytes, or OpenSSL refuses large N.
    scrypt(secret, salt, 32, { ...options, maxmem: 256 * options.N * options.r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Verifies a secret against a synced scrypt hash, in constant time; async so the core process stays responsive. */
export async function verifySecret(secret: string, hash: SecretHash): Promise<boolean> {
  const derived = await scryptAsync(secret, Buffer.from(hash.saltHex, 'hex'), { N: hash.N, r: hash.r, p: hash.p });
  const expected = Buffer.from(hash.hashHex, 'hex');
  return expected.length === derived.length && timingSafeEqual(expected, derived);
}

/** Hashes a new secret (a PIN changed on the device) with the server's parameters. */
export async function hashSecret(
  secret: string,
  params: Pick<SecretHash, 'N' | 'r' | 'p'> = { N: 16_384, r: 8, p: 1 },
): Promise<SecretHash> {
  const salt = randomBytes(16);
  const derived = await scryptAsync(secret, salt, params);
  return { algo: 'scrypt', ...params, saltHex: salt.toString('hex'), hashHex: derived.toString('hex') };
}
