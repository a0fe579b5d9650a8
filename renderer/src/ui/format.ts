import { facilityCurrency, facilityLocale } from '../../../shared/domain/locale';

/**
 * Where and for whom a figure is shown: the reader's language (words), the facility's region (money and
 * date order, through facilityLocale) and the facility's time zone (the hour on its wall clocks).
 * timeZone null: the device's own zone (before the device has its facility).
 */
export interface Place {
  language: string;
  timeZone: string | null;
}

function dates(place: Place, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const zone = place.timeZone ? { timeZone: place.timeZone } : {};
  try {
    return new Intl.DateTimeFormat(facilityLocale(place.language), { ...options, ...zone });
  } catch {
    // A zone this browser does not know: the device's own clock rather than no date at all.
    return new Intl.DateTimeFormat(facilityLocale(place.language), options);
  }
}

/** Dates are stored as UTC epoch ms and shown in the facility's time zone, in the reader's language and the facility's region. */
export function formatDateTime(epochMs: number, place: Place): string {
  return dates(place, { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}

export function formatDate(epochMs: number, place: Place): string {
  return dates(place, { dateStyle: 'medium' }).format(epochMs);
}

export function formatClock(epochMs: number, place: Place): string {
  return dates(place, { hour: 'numeric', minute: '2-digit' }).format(epochMs);
}

/** Money is integer cents everywhere; only the screen sees a decimal point. */
export function formatCents(cents: number, place: Pick<Place, 'language'>): string {
  return new Intl.NumberFormat(facilityLocale(place.language), {
    style: 'currency',
    currency: facilityCurrency,
  }).format(cents / 100);
}

/** m:ss for media and countdowns. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
