import type { TFunction } from 'i18next';

const known = new Set([
  'insufficient_funds',
  'contact_not_approved',
  'too_long',
  'daily_limit',
  'duration_exceeded',
  'unreadable_video',
  'not_found',
  'released',
]);

/** Why the facility refused a send, from the code its server answered, in the reader's language. */
export function refusalText(code: string, t: TFunction): string {
  return known.has(code) ? t(`outbox.refusal.${code}` as 'outbox.refusal.unknown') : t('outbox.refusal.unknown');
}
