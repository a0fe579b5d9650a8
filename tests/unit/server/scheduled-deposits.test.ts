import { describe, expect, it } from 'vitest';
import { nextRun } from '../../../server/domain/ledger/scheduled-deposits';

const utc = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, 15, 30);

describe('nextRun', () => {
  it('a one-time deposit does not come back', () => {
    expect(nextRun(utc(2026, 1, 5), 'once')).toBeNull();
  });
  it('weekly is seven days later', () => {
    expect(nextRun(utc(2026, 12, 29), 'weekly')).toBe(utc(2027, 1, 5));
  });
  it('monthly keeps the day, and the 31st falls on the last day of shorter months', () => {
    expect(nextRun(utc(2026, 1, 15), 'monthly')).toBe(utc(2026, 2, 15));
    expect(nextRun(utc(2026, 1, 31), 'monthly')).toBe(utc(2026, 2, 28));
    expect(nextRun(utc(2028, 1, 31), 'monthly')).toBe(utc(2028, 2, 29));
    expect(nextRun(utc(2026, 12, 31), 'monthly')).toBe(utc(2027, 1, 31));
  });
});
