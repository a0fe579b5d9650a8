/**
 * An amount as a person types it, in cents, or null when it is not one. Both decimal marks are taken
 * ("25,50" and "25.50"), with or without thousands separators ("1.234,56", "1,234.56", "1 234,56"), a
 * currency sign and spaces. Money has two decimals, so a mark followed by exactly three digits groups
 * thousands ("1,234" is 1234) and one followed by one or two digits is the decimal mark. Never NaN.
 */
export function parseAmountCents(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f$€]/g, '');
  if (!/^\d[\d.,]*$/.test(cleaned)) return null;
  const lastMark = Math.max(cleaned.lastIndexOf(','), cleaned.lastIndexOf('.'));
  let whole = cleaned;
  let fraction = '';
  if (lastMark >= 0) {
    const after = cleaned.slice(lastMark + 1);
    if (after.length === 1 || after.length === 2) {
      whole = cleaned.slice(0, lastMark);
      fraction = after;
    } else if (after.length !== 3) return null;
  }
  // What is left of the whole part may only group thousands: 1.234.567 or 1,234,567.
  if (!/^\d{1,3}([.,]\d{3})*$/.test(whole) && !/^\d+$/.test(whole)) return null;
  const marks = new Set(whole.replace(/\d/g, ''));
  if (marks.size > 1) return null;
  const cents = Number(whole.replace(/[.,]/g, '')) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}
