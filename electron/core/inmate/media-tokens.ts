import { randomBytes } from 'node:crypto';
import type { MediaRef } from '../../../shared/sync/rows';

interface TokenEntry {
  readonly ref: MediaRef;
  readonly inmateId: string;
  /** The renderer connection (window / page load) whose session received the URL. */
  readonly connectionId: string;
}

/**
 * The renderer never sees a file path or a bare hash it could swap: each
 * photo, video, book or track it may show gets an unguessable token URL
 * (`/media/<token>`). A token is not a bearer token: it is bound to the
 * connection whose session received it, and resolves only for a request the
 * host attributes to that same connection, while that session lasts. A URL
 * copied to another screen, or left behind for the next inmate at a shared
 * kiosk, resolves to nothing.
 */
export class MediaTokens {
  private readonly tokens = new Map<string, TokenEntry>();
  private readonly byKey = new Map<string, string>();

  url(ref: MediaRef, inmateId: string, connectionId: string): string {
    const key = `${connectionId}\u0000${inmateId}\u0000${ref.sha256}`;
    let token = this.byKey.get(key);
    if (!token) {
      token = randomBytes(18).toString('base64url');
      this.tokens.set(token, { ref, inmateId, connectionId });
      this.byKey.set(key, token);
    }
    return `/media/${token}`;
  }

  /** The media behind a token, only for the connection it was handed to. */
  resolve(token: string, connectionId: string): { ref: MediaRef; inmateId: string } | null {
    const entry = this.tokens.get(token);
    if (!entry || entry.connectionId !== connectionId) return null;
    return { ref: entry.ref, inmateId: entry.inmateId };
  }

  /** At the end of a session: every URL handed to that connection stops working. */
  revokeConnection(connectionId: string): void {
    for (const [token, entry] of this.tokens) {
      if (entry.connectionId !== connectionId) continue;
      this.tokens.delete(token);
      this.byKey.delete(`${entry.connectionId}\u0000${entry.inmateId}\u0000${entry.ref.sha256}`);
    }
  }

  /** Every URL handed to that inmate, on any connection. */
  revoke(inmateId: string): void {
    for (const [token, entry] of this.tokens) {
      if (entry.inmateId !== inmateId) continue;
      this.tokens.delete(token);
      this.byKey.delete(`${entry.connectionId}\u0000${entry.inmateId}\u0000${entry.ref.sha256}`);
    }
  }

  /** The blobs behind live URLs: on a screen now, so the media cache's GC keeps them. */
  inUse(): Set<string> {
    return new Set([...this.tokens.values()].map((entry) => entry.ref.sha256));
  }

  /** Tokens alive now (for tests and diagnostics). */
  size(): number {
    return this.tokens.size;
  }
}
