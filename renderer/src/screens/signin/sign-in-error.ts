import type { TFunction } from 'i18next';
import { KioskError } from '../../../../shared/kiosk-api/errors';

/** The message a failed sign-in shows: lockout with its wait, wrong PIN, offline, or a generic one. */
export function signInErrorMessage(error: unknown, t: TFunction): string {
  const e = KioskError.from(error);
  if (e.code === 'locked_out') {
    const ms = Number(e.detail?.retryAfterMs ?? 0);
    const minutes = Math.max(1, Math.ceil(ms / 60_000));
    return t('signIn.lockedOut', { count: minutes });
  }
  if (e.code === 'unauthorized' || e.code === 'not_found') {
    const left = e.detail?.attemptsLeft;
    return typeof left === 'number' ? t('signIn.wrongWithAttempts', { count: left }) : t('signIn.wrong');
  }
  if (e.code === 'offline') return t('signIn.offline');
  if (e.code === 'validation') return t('signIn.invalid');
  return t(`errors.code.${e.code}`);
}
