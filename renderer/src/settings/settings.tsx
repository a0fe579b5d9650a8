import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export const textScales = [1, 1.25, 1.5, 2] as const;
export type TextScale = (typeof textScales)[number];

export interface DisplaySettings {
  textScale: TextScale;
  highContrast: boolean;
}

interface SettingsState extends DisplaySettings {
  setTextScale: (scale: TextScale) => void;
  setHighContrast: (on: boolean) => void;
}

const storageKey = 'kiosk.display';
const defaults: DisplaySettings = { textScale: 1, highContrast: false };

/** Display settings belong to the device (the person at a shared kiosk may not be signed in yet). */
function readStored(): DisplaySettings {
  try {
    const raw: unknown = JSON.parse(window.localStorage.getItem(storageKey) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return defaults;
    const { textScale, highContrast } = raw as Record<string, unknown>;
    return {
      textScale: textScales.find((s) => s === textScale) ?? 1,
      highContrast: highContrast === true,
    };
  } catch {
    return defaults;
  }
}

const SettingsContext = createContext<SettingsState | null>(null);

export function SettingsProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<DisplaySettings>(readStored);

  // Applied on <html> so every rem and every colour token follows, including portals and dialogs.
  useEffect(() => {
    const root = document.documentElement;
    root.style.setProperty('--text-scale', String(settings.textScale));
    root.classList.toggle('high-contrast', settings.highContrast);
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(settings));
    } catch {
      // Storage may be unavailable (private mode); the setting still holds for this visit.
    }
  }, [settings]);

  const setTextScale = useCallback((textScale: TextScale) => setSettings((s) => ({ ...s, textScale })), []);
  const setHighContrast = useCallback((highContrast: boolean) => setSettings((s) => ({ ...s, highContrast })), []);
  const value = useMemo(
    () => ({ ...settings, setTextScale, setHighContrast }),
    [settings, setTextScale, setHighContrast],
  );
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

export function useSettings(): SettingsState {
  const state = useContext(SettingsContext);
  if (!state) throw new Error('useSettings outside SettingsProvider');
  return state;
}
