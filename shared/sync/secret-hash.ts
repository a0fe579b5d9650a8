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
