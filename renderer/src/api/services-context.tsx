import { createContext, useContext, type ReactNode } from 'react';
import type { KioskServices } from './ports';

const ServicesContext = createContext<KioskServices | null>(null);

export function ServicesProvider({ services, children }: { services: KioskServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): KioskServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}
