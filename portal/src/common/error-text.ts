import i18next, { type TFunction } from 'i18next';
import { ApiError, money } from './api';

/**
 * What went wrong, in the reader's language: the server sends a code and its parameters (never a
 * sentence to show), and an unknown code or a failure without one says so in general words.
 */
export function errorText(error: unknown, t: TFunction): string {
  const language = i18next.language;
  if (!(error instanceof ApiError)) return t('serverError.unknown');
  const { minCents, maxCents, ...rest } = error.params;
  const values: Record<string, string | number> = { ...rest };
  if (typeof minCents === 'number') values.min = money(minCents, language);
  if (typeof maxCents === 'number') values.max = money(maxCents, language);
  return t(`serverError.${error.code}`, { ...values, defaultValue: t('serverError.unknown') });
}
