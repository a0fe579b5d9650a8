import { useMemo } from 'react';
import { kioskServices } from '../api/kiosk-services';
import { AppShell } from './AppShell';
import { useKiosk } from './kiosk-context';

/** The screens over the real kiosk API (the shell itself is also rendered by component tests with fakes). */
export function Screens() {
  const { client } = useKiosk();
  const services = useMemo(() => kioskServices(client), [client]);
  return <AppShell services={services} />;
}
