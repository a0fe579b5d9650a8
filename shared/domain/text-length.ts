/**
 * Message length as a person counts it: user-perceived characters (grapheme
 * clusters), so "ñ" (one code point or n + combining tilde), "é" and an emoji
 * such as 👍🏽 or 👨‍👩‍👧 are one character each, never two or eight UTF-16 units.
 * The screen's counter, core's check before queueing and the server's check
 * on push all use this one function, so they can never disagree.
 */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The characters of a text, each a whole grapheme cluster. */
export function characters(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

export function characterCount(text: string): number {
  const each = segmenter.segment(text)[Symbol.iterator]();
  let count = 0;
  while (!each.next().done) count += 1;
  return count;
}

/** The text cut to at most `max` characters, never in the middle of one. */
export function truncateCharacters(text: string, max: number): string {
  if (text.length <= max) return text; // no more UTF-16 units than allowed: no more characters either
  return characters(text).slice(0, Math.max(0, max)).join('');
}
