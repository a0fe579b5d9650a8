import { EventEmitter } from 'node:events';

export interface Session {
  readonly inmateId: string;
  readonly connectionId: string;
  readonly startedAt: number;
  lastActivity: number;
  warned: boolean;
  /** Whether the warning before the facility's maximum length has gone out. */
  maxWarned: boolean;
}

export type SessionEndReason = 'idle' | 'max_length' | 'signed_out' | 'released';

export interface SessionRules {
  idleTimeoutMs: number;
  /** Only on shared kiosks; a tablet's owner may stay signed in. */
  maxSessionMs: number | null;
}

/** Seconds of warning before an idle session ends. */
export const IDLE_WARNING_MS = 30_000;
/** Warning before a shared kiosk's maximum session length ends the session: time to finish and save. */
export const MAX_LENGTH_WARNING_MS = 2 * 60_000;

/**
 * Who is signed in on which renderer connection, and the clocks that end a
 * session: the idle timeout (with a warning first) and, on a shared kiosk,
 * the facility's maximum session length. Core owns this; the renderer only
 * shows it. Time is injected so tests drive it.
 */
export class Sessions extends EventEmitter<{
  expiring: [connectionId: string, secondsLeft: number];
  /** The facility's maximum session length is near; activity does not extend it. */
  ending: [connectionId: string, secondsLeft: number];
  ended: [connectionId: string, reason: SessionEndReason, inmateId: string];
}> {
  private readonly sessions = new Map<string, Session & SessionRules>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly now: () => number = Date.now,
    tickMs = 1_000,
  ) {
    super();
    this.timer = setInterval(() => this.tick(), tickMs);
    this.timer.unref();
  }

  begin(connectionId: string, inmateId: string, rules: SessionRules): Session {
    // One person per screen: a new sign-in on this connection ends the previous one.
    const previous = this.sessions.get(connectionId);
    if (previous) this.end(connectionId, 'signed_out');
    const now = this.now();
    const session = {
      inmateId,
      connectionId,
      startedAt: now,
      lastActivity: now,
      warned: false,
      maxWarned: false,
      ...rules,
    };
    this.sessions.set(connectionId, session);
    return session;
  }

  get(connectionId: string): Session | null {
    const session = this.sessions.get(connectionId);
    if (!session) return null;
    this.tick(); // a call that arrives after the deadline must not slip through before the next tick
    return this.sessions.get(connectionId) ?? null;
  }

  touch(connectionId: string): void {
    const session = this.sessions.get(connectionId);
    if (!session) return;
    session.lastActivity = this.now();
    session.warned = false;
  }

  end(connectionId: string, reason: SessionEndReason): void {
    const session = this.sessions.get(connectionId);
    if (!session) return;
    this.sessions.delete(connectionId);
    this.emit('ended', connectionId, reason, session.inmateId);
  }

  endInmate(inmateId: string, reason: SessionEndReason): void {
    for (const [connectionId, session] of this.sessions)
      if (session.inmateId === inmateId) this.end(connectionId, reason);
  }

  active(): boolean {
    return this.sessions.size > 0;
  }

  tick(): void {
    const now = this.now();
    for (const [connectionId, session] of [...this.sessions]) {
      if (session.maxSessionMs !== null) {
        const maxLeft = session.startedAt + session.maxSessionMs - now;
        if (maxLeft <= 0) {
          this.end(connectionId, 'max_length');
          continue;
        }
        if (maxLeft <= MAX_LENGTH_WARNING_MS && !session.maxWarned) {
          session.maxWarned = true;
          this.emit('ending', connectionId, Math.ceil(maxLeft / 1000));
        }
      }
      const idleLeft = session.lastActivity + session.idleTimeoutMs - now;
      if (idleLeft <= 0) this.end(connectionId, 'idle');
      else if (idleLeft <= IDLE_WARNING_MS && !session.warned) {
        session.warned = true;
        this.emit('expiring', connectionId, Math.ceil(idleLeft / 1000));
      }
    }
  }

  close(): void {
    clearInterval(this.timer);
  }
}
