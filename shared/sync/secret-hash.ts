import { z } from 'zod';

/**
 * A slow salted hash (scrypt) of a PIN, a security answer or a technician
 * secret, as the server stores and syncs it. The device verifies PINs offline
 * against it; the plain secret never leaves the keypad.
 */
export const SecretHash = z.object({
  algo: z.literal('scrypt'),
  /** Cost parameters; N is a power of two. */
  N: z
    .number()
    .int()
    .min(1024)
    .max(1 << 20),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  saltHex: z.string().regex(/^[0-9a-f]{32,128}$/),
  hashHex: z.string().regex(/^[0-9a-f]{64}$/),
});
export type SecretHash = z.infer<typeof SecretHash>;

/** Security answers are compared case-, accent- and space-insensitively ("  José " = "jose"). */
export function normalizeAnswer(answer: string): string {
  return answer
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** The platform's crypto, injected so this module stays free of I/O imports (core and server pass node:crypto). */
export interface ScryptPrimitives {
  scrypt(secret: string, salt: Uint8Array, params: { N: number; r: number; p: number }): Promise<Uint8Array>;
  randomBytes(size: number): Uint8Array;
  timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean;
}

const defaultSecretParams = { N: 16_384, r: 8, p: 1 } as const;

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));

/** Hashing and verifying PINs, answers and credentials the same way on the server and on devices. */
export function secretHasher(crypto: ScryptPrimitives) {
  return {
    async hash(secret: string, params: { N: number; r: number; p: number } = defaultSecretParams): Promise<SecretHash> {
      const salt = crypto.randomBytes(16);
      const derived = await crypto.scrypt(secret, salt, params);
      return { algo: 'scrypt', N: params.N, r: params.r, p: params.p, saltHex: toHex(salt), hashHex: toHex(derived) };
    },
    async verify(secret: string, hash: SecretHash): Promise<boolean> {
      const derived = await crypto.scrypt(secret, fromHex(hash.saltHex), hash);
      const expected = fromHex(hash.hashHex);
      return expected.length === derived.length && crypto.timingSafeEqual(expected, derived);
    },
  };
}
