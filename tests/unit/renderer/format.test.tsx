import { describe, expect, it } from 'vitest';
import { formatCents, formatClock, formatDate, formatDateTime } from '../../../renderer/src/ui/format';

/**
 * Figures on screen: money and date order follow the facility's region (es-US, en-US), words the reader's
 * language, and the hour the facility's time zone, whatever zone the device's own clock is set to.
 */
const at = Date.UTC(2026, 10, 20, 14, 55); // 20 Nov 2026 14:55 UTC = 08:55 in Chicago, 06:55 in Los Angeles
const chicago = { timeZone: 'America/Chicago' };
const noSpace = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatting for a US facility', () => {
  it('shows money as US readers expect it in both languages: $285.80, never 285,80 US$', () => {
    expect(formatCents(28_580, { language: 'en' })).toBe('$285.80');
    expect(formatCents(28_580, { language: 'es' })).toBe('$285.80');
    expect(formatCents(-150, { language: 'es' })).toMatch(/^-\$1\.50$/);
  });

  it("shows the facility's wall-clock hour, in the reader's words", () => {
    expect(noSpace(formatClock(at, { language: 'en', ...chicago }))).toBe('8:55 AM');
    expect(noSpace(formatClock(at, { language: 'es', ...chicago }))).toBe('8:55 a.m.');
    expect(noSpace(formatClock(at, { language: 'en', timeZone: 'America/Los_Angeles' }))).toBe('6:55 AM');
    expect(noSpace(formatDateTime(at, { language: 'en', ...chicago }))).toBe('Nov 20, 2026, 8:55 AM');
    expect(noSpace(formatDateTime(at, { language: 'es', ...chicago }))).toMatch(/^20 nov 2026, 8:55 a\.\s?m\.$/);
  });

  it('puts a date on the day it is at the facility, not in UTC', () => {
    const lateEvening = Date.UTC(2026, 10, 21, 3, 30); // 21 Nov in UTC, still 20 Nov in Chicago
    expect(formatDate(lateEvening, { language: 'en', ...chicago })).toBe('Nov 20, 2026');
    expect(formatDate(lateEvening, { language: 'en', timeZone: 'UTC' })).toBe('Nov 21, 2026');
  });

  it("falls back to the device's zone for an unknown zone rather than failing", () => {
    expect(() => formatDateTime(at, { language: 'en', timeZone: 'Mars/Olympus_Mons' })).not.toThrow();
  });
});
