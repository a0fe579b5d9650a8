import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { KioskClient } from '../../../shared/kiosk-api/client';
import type { AppInfo } from '../../../shared/kiosk-api/calls/app';

export type ConnectionState = 'connected' | 'reconnecting';

interface KioskState {
  client: KioskClient;
  info: AppInfo | null;
  connection: ConnectionState;
  setInfo: (info: AppInfo) => void;
}

const KioskContext = createContext<KioskState | null>(null);

/** Holds the typed client and the live AppInfo that every screen reads. */
export function KioskProvider({ client, children }: { client: KioskClient; children: ReactNode }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [connection, setConnection] = useState<ConnectionState>('connected');

  useEffect(() => {
    let cancelled = false;
    const load = () =>
      client.call('app.info', {}).then(
        (next) => !cancelled && setInfo(next),
        () => undefined, // the connection banner already says we are reconnecting
      );
    void load();
    const offInfo = client.on('app.info', setInfo);
    const offConnection = client.onConnectionChange((state) => {
      setConnection(state);
      if (state === 'connected') void load();
    });
    return () => {
      cancelled = true;
      offInfo();
      offConnection();
    };
  }, [client]);

  return <KioskContext.Provider value={{ client, info, connection, setInfo }}>{children}</KioskContext.Provider>;
}

export function useKiosk(): KioskState {
  const state = useContext(KioskContext);
  if (!state) throw new Error('useKiosk outside KioskProvider');
  return state;
}

/**
 * What the screens need of AppInfo to say things right, without requiring the provider (component
 * tests render screens alone): whether the device is online (unknown counts as online), and the
 * facility's time zone for dates (null: the device's own zone).
 */
export function useDeviceInfo(): { online: boolean; timeZone: string | null } {
  const info = useContext(KioskContext)?.info ?? null;
  return { online: info?.online ?? true, timeZone: info?.timeZone ?? null };
}
