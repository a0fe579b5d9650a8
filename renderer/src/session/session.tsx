import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Inmate } from '../api/ports';
import { useServices } from '../api/services-context';
import { useRouter } from '../app/router';
import { useChooseLanguage } from '../frame/use-choose-language';

/** Seconds of warning before an idle session ends; long enough to read the dialog and tap "I'm here". */
const idleWarningSeconds = 30;

/** Why the last session ended without the person tapping Sign out; the start screen says it. */
export type EndedBecause = 'idle' | 'max_length' | 'released';

interface SessionState {
  inmate: Inmate | null;
  /** Seconds left before the idle sign-out, while the warning shows; null otherwise. */
  expiringIn: number | null;
  /** When the facility's maximum session length ends this session (UTC ms), once core has warned; null otherwise. */
  endsAt: number | null;
  /** Why the last session ended on its own (null after a sign-out the person chose, or once someone signs in). */
  endedBecause: EndedBecause | null;
  begin: (inmate: Inmate, idleTimeoutMs: number) => void;
  signOut: () => void;
  stillHere: () => void;
  /** Work that must reach core before the session ends (a reading position being saved); returns an unregister. */
  beforeSignOut: (flush: () => Promise<void>) => () => void;
}

const SessionContext = createContext<SessionState | null>(null);

/**
 * The signed-in inmate and the idle clock. Core owns the real session (and
 * may end it on its own: facility limits, sign-out elsewhere); the renderer
 * counts idle time locally too, so the warning shows even while core is busy.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { auth } = useServices();
  const { reset } = useRouter();
  const chooseLanguage = useChooseLanguage();
  const [inmate, setInmate] = useState<Inmate | null>(null);
  const [idleTimeoutMs, setIdleTimeoutMs] = useState(0);
  const [expiringIn, setExpiringIn] = useState<number | null>(null);
  const [endsAt, setEndsAt] = useState<number | null>(null);
  const [endedBecause, setEndedBecause] = useState<EndedBecause | null>(null);
  const lastActivity = useRef(0);
  /** When core says the session ends (its warning); null when core has not warned. */
  const coreDeadline = useRef<number | null>(null);

  const end = useCallback(
    (because: EndedBecause | null = null) => {
      setEndedBecause(because);
      setInmate(null);
      setExpiringIn(null);
      setEndsAt(null);
      reset({ name: 'welcome' });
    },
    [reset],
  );

  const flushers = useRef(new Set<() => Promise<void>>());
  const beforeSignOut = useCallback((flush: () => Promise<void>) => {
    flushers.current.add(flush);
    return () => void flushers.current.delete(flush);
  }, []);

  const signOut = useCallback(
    (because: EndedBecause | null = null) => {
      // Saves in flight go first, then the session ends in core; the screen leaves at once either way.
      const pending = [...flushers.current].map((flush) => flush().catch(() => undefined));
      void Promise.all(pending).then(() => auth.signOut().catch(() => undefined)); // ends locally even if core is restarting
      end(because);
    },
    [auth, end],
  );

  const begin = useCallback(
    (next: Inmate, timeoutMs: number) => {
      lastActivity.current = Date.now();
      setEndedBecause(null);
      setIdleTimeoutMs(timeoutMs);
      setInmate(next);
      chooseLanguage(next.language);
      reset({ name: 'home' });
    },
    [reset, chooseLanguage],
  );

  const stillHere = useCallback(() => {
    lastActivity.current = Date.now();
    coreDeadline.current = null;
    setExpiringIn(null);
    void auth.keepAlive().catch(() => undefined);
  }, [auth]);

  // Any touch or key counts as activity; core hears about it at most every 30 s.
  useEffect(() => {
    if (!inmate) return;
    let lastPing = Date.now();
    const onActivity = () => {
      lastActivity.current = Date.now();
      // After core's warning a touch must reach core at once, or core ends the session anyway.
      if (coreDeadline.current !== null || Date.now() - lastPing > 30_000) {
        coreDeadline.current = null;
        lastPing = Date.now();
        void auth.keepAlive().catch(() => undefined);
      }
    };
    const events = ['pointerdown', 'keydown', 'wheel'] as const;
    events.forEach((e) => window.addEventListener(e, onActivity, { passive: true }));
    return () => events.forEach((e) => window.removeEventListener(e, onActivity));
  }, [inmate, auth]);

  // The local idle clock: warn `idleWarningSeconds` before the timeout, end the session at it.
  useEffect(() => {
    if (!inmate || idleTimeoutMs <= 0) return;
    const timer = window.setInterval(() => {
      const deadline = Math.min(lastActivity.current + idleTimeoutMs, coreDeadline.current ?? Infinity);
      const left = Math.ceil((deadline - Date.now()) / 1000);
      if (left <= 0) signOut('idle');
      else if (left <= idleWarningSeconds) setExpiringIn(left);
      else setExpiringIn((current) => (current === null ? current : null));
    }, 1000);
    return () => window.clearInterval(timer);
  }, [inmate, idleTimeoutMs, signOut]);

  // Core's own view: its warning and its end of the session win over the local clock.
  useEffect(() => {
    if (!inmate) return;
    const offExpiring = auth.onExpiring((secondsLeft) => {
      coreDeadline.current = Date.now() + secondsLeft * 1000;
      setExpiringIn(secondsLeft);
    });
    const offEnding = auth.onEnding((secondsLeft) => setEndsAt(Date.now() + secondsLeft * 1000));
    const offEnded = auth.onEnded((reason) => end(isEndedBecause(reason) ? reason : null));
    return () => {
      offEnding();
      offExpiring();
      offEnded();
    };
  }, [inmate, auth, end]);

  const value = useMemo(
    () => ({ inmate, expiringIn, endsAt, endedBecause, begin, signOut: () => signOut(), stillHere, beforeSignOut }),
    [inmate, expiringIn, endsAt, endedBecause, begin, signOut, stillHere, beforeSignOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

function isEndedBecause(reason: string): reason is EndedBecause {
  return reason === 'idle' || reason === 'max_length' || reason === 'released';
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
