import { randomBytes } from 'node:crypto';
import type { MediaRef } from '../../../shared/sync/rows';

/**
 * The renderer never sees a file path or a bare hash it could swap: each
 * photo, video, book or track it may show gets an unguessable token URL
 * (`/media/<token>`), valid for the session that asked for it. The preview
 * host and Electron's protocol handler resolve tokens through core.
 */
export class MediaTokens {
  private readonly tokens = new Map<string, { ref: MediaRef; inmateId: string }>();
  private readonly byKey = new Map<string, string>();

  url(ref: MediaRef, inmateId: string): string {
    const key = `${inmateId}:${ref.sha256}`;
    let token = this.byKey.get(key);
    if (!token) {
      token = randomBytes(18).toString('base64url');
      this.tokens.set(token, { ref, inmateId });
      this.byKey.set(key, token);
    }
    return `/media/${token}`;
  }

  resolve(token: string): { ref: MediaRef; inmateId: string } | null {
    return this.tokens.get(token) ?? null;
  }

  /** At sign-out: every URL handed to that inmate stops working. */
  revoke(inmateId: string): void {
    for (const [token, entry] of this.tokens) {
      if (entry.inmateId !== inmateId) continue;
      this.tokens.delete(token);
      this.byKey.delete(`${inmateId}:${entry.ref.sha256}`);
    }
  }
}
