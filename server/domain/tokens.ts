import { createHash, randomBytes, randomInt } from 'node:crypto';

/** A random secret for machines (device credentials, session ids): 32 bytes, base64url. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Secrets that are random enough need no slow hash: SHA-256 is what is stored. */
export function sha256Hex(value: string | Buffer): string {
  return createHash('sha256').update(value).digest('hex');
}

const codeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: read aloud and typed on a touch screen

/** A code a person types (enrollment, PIN reset): groups of four from an unambiguous alphabet. */
export function newHumanCode(groups = 3): string {
  const parts: string[] = [];
  for (let g = 0; g < groups; g += 1) {
    let part = '';
    for (let i = 0; i < 4; i += 1) part += codeAlphabet.charAt(randomInt(codeAlphabet.length));
    parts.push(part);
  }
  return parts.join('-');
}

/** Codes are compared without dashes, spaces or case. */
export function normalizeHumanCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}
