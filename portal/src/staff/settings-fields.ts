import { SETTING_BOUNDS, type BoundedSetting } from '../../../shared/domain/facility-settings';

/** How a setting is typed on the page: stored as cents, ms or minutes after midnight, shown in people's units. */
export type SettingUnit = 'money' | 'count' | 'seconds' | 'minutes' | 'time';

/** The settings page's numbers, in its order, grouped. */
export const SETTING_GROUPS: { group: string; fields: [BoundedSetting, SettingUnit][] }[] = [
  {
    group: 'prices',
    fields: [
      ['stampPriceCents', 'money'],
      ['videogramStampPriceCents', 'money'],
    ],
  },
  {
    group: 'deposits',
    fields: [
      ['depositMinCents', 'money'],
      ['depositMaxCents', 'money'],
    ],
  },
  {
    group: 'messages',
    fields: [
      ['messageMaxChars', 'count'],
      ['maxPhotosPerMessage', 'count'],
      ['messagesPerDay', 'count'],
    ],
  },
  {
    group: 'sessions',
    fields: [
      ['idleTimeoutMs', 'seconds'],
      ['maxSessionMs', 'minutes'],
      ['failedSignInLimit', 'count'],
      ['lockoutMs', 'minutes'],
    ],
  },
  {
    group: 'devices',
    fields: [
      ['deviceMediaQuotaMb', 'count'],
      ['updateWindowStartMinute', 'time'],
      ['updateWindowEndMinute', 'time'],
    ],
  },
];

const pad = (n: number) => String(n).padStart(2, '0');

/** A stored value as the page's input shows it. */
export function toInput(value: number, unit: SettingUnit): string {
  switch (unit) {
    case 'money':
      return (value / 100).toFixed(2);
    case 'seconds':
      return String(value / 1_000);
    case 'minutes':
      return String(value / 60_000);
    case 'time':
      return `${pad(Math.floor(value / 60))}:${pad(value % 60)}`;
    default:
      return String(value);
  }
}

/** What the input says, as the server stores it (NaN when it is not a number: the server refuses it). */
export function fromInput(text: string, unit: SettingUnit): number {
  switch (unit) {
    case 'money':
      return Math.round(Number(text) * 100);
    case 'seconds':
      return Math.round(Number(text) * 1_000);
    case 'minutes':
      return Math.round(Number(text) * 60_000);
    case 'time': {
      const [hours, minutes] = text.split(':').map(Number);
      return (hours ?? NaN) * 60 + (minutes ?? NaN);
    }
    default:
      return Number(text);
  }
}

/** The bounds of a setting in the page's units, for its label. */
export function boundsText(field: BoundedSetting, unit: SettingUnit, money: (cents: number) => string): string {
  const { min, max } = SETTING_BOUNDS[field];
  if (unit === 'money') return `${money(min)}–${money(max)}`;
  return `${toInput(min, unit)}–${toInput(max, unit)}`;
}
