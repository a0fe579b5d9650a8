/**
 * Money and dates follow the facility's region, words the reader's language: a Spanish reader in a
 * US facility sees "$285.80" (es-US), not "285,80 US$" (es). Facilities here are in the US and keep
 * their trust accounts in US dollars.
 */
const facilityRegion = 'US';
export const facilityCurrency = 'USD';

/** The BCP 47 locale for numbers, money and dates: the reader's language in the facility's region. */
export function facilityLocale(language: string): string {
  const base = language.split('-')[0] || 'en';
  return `${base}-${facilityRegion}`;
}
