import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { secretHasher, type ScryptPrimitives, type SecretHash } from '../sync/secret-hash';

/** node:crypto for the shared hasher; async scrypt so the core process stays responsive while it works. */
export const nodeScrypt: ScryptPrimitives = {
  scrypt: (secret, salt, { N, r, p }) =>
    new Promise((resolve, reject) => {
      // maxmem must cover 128·N·r bytes, or OpenSSL refuses large N.
      scrypt(secret, salt, 32, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
        error ? reject(error) : resolve(key),
      );
    }),
  randomBytes: (size) => randomBytes(size),
  timingSafeEqual: (a, b) => timingSafeEqual(a, b),
};

const hasher = secretHasher(nodeScrypt);

export const verifySecret = (secret: string, hash: SecretHash): Promise<boolean> => hasher.verify(secret, hash);
export const hashSecret = (secret: string, params?: { N: number; r: number; p: number }): Promise<SecretHash> =>
  hasher.hash(secret, params);
