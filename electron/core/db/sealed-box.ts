import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM with a key derived (HKDF) from the device database key, for
 * the little that must live outside the database so it survives a corrupt
 * one: the device credential, the outbox and drafts journals. Without the database
 * key (after a wipe) these are as unreadable as the database.
 */
export class SealedBox {
  private readonly key: Buffer;

  constructor(databaseKey: Buffer, purpose: string) {
    this.key = Buffer.from(hkdfSync('sha256', databaseKey, Buffer.alloc(0), `open-kiosk ${purpose}`, 32));
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  /** null for anything torn, tampered or sealed with another key. */
  open(sealed: string): string | null {
    try {
      const bytes = Buffer.from(sealed, 'base64');
      if (bytes.length < 28) return null;
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
