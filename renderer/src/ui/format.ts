import { facilityCurrency, facilityLocale } from '../../../shared/domain/locale';

/** Dates are stored as UTC epoch ms and shown in the device's local time, in the reader's language and the facility's region. */
export function formatDateTime(epochMs: number, language: string): string {
  return new Intl.DateTimeFormat(facilityLocale(language), { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}

export function formatDate(epochMs: number, language: string): string {
  return new Intl.DateTimeFormat(facilityLocale(language), { dateStyle: 'medium' }).format(epochMs);
}

export function formatClock(epochMs: number, language: string): string {
  return new Intl.DateTimeFormat(facilityLocale(language), { hour: 'numeric', minute: '2-digit' }).format(epochMs);
}

/** Money is integer cents everywhere; only the screen sees a decimal point. */
export function formatCents(cents: number, language: string): string {
  return new Intl.NumberFormat(facilityLocale(language), { style: 'currency', currency: facilityCurrency }).format(
    cents / 100,
  );
}

/** m:ss for media and countdowns. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
